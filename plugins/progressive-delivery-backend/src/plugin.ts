import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { progressiveDeliveryPermissions } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ActionExecutor } from './actions/ActionExecutor';
import { RolloutActionService } from './actions/RolloutActionService';
import { KnexAuditStore } from './audit';
import { ConfigClusterSupplier } from './clusters/ConfigClusterSupplier';
import { EntityAccess } from './entities/EntityAccess';
import { KnexRolloutHistoryStore, RolloutHistoryRecorder } from './history';
import { RetentionCleaner } from './retention/RetentionCleaner';
import {
  AUDIT_RETENTION,
  HISTORY_RETENTION,
  SCORECARD_RETENTION,
} from './retention/retentionPolicies';
import { createRouter } from './router';
import { KnexScorecardSnapshotStore } from './scorecard/KnexScorecardSnapshotStore';
import { scheduleScorecardSnapshots } from './scorecard/ScorecardRecorder';
import { ScorecardService } from './scorecard/ScorecardService';
import { OpsService } from './service/OpsService';
import { RolloutService } from './service/RolloutService';
import { ChangeSignaller } from './signals/ChangeSignaller';
import { EntityChangeTracker } from './signals/EntityChangeTracker';
import { EntityInterest } from './signals/EntityInterest';
import { SloService } from './slo/SloService';
import { ClusterWatchManager } from './watch/ClusterWatchManager';
import { readWatchOptions } from './watch/readWatchOptions';

/**
 * Progressive Delivery backend plugin: Argo Rollouts across clusters from live watch
 * caches, joined to catalog entities.
 *
 * @public
 */
export const progressiveDeliveryPlugin = createBackendPlugin({
  pluginId: 'progressive-delivery',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
      },
      async init(deps) {
        const { config, logger, lifecycle, httpRouter, permissionsRegistry } =
          deps;
        permissionsRegistry.addPermissions(progressiveDeliveryPermissions);

        const clusterSupplier = ConfigClusterSupplier.fromConfig(config);
        const clusters = await clusterSupplier.getClusters();
        if (clusters.length === 0) {
          logger.warn(
            'No clusters configured: add clusters under kubernetes.clusterLocatorMethods (type: config)',
          );
        }
        const manager = new ClusterWatchManager({
          clusterSupplier,
          logger,
          watchOptions: readWatchOptions(config),
          excludeClusters: config.getOptionalStringArray(
            'progressiveDelivery.excludeClusters',
          ),
        });
        const interest = new EntityInterest();
        const changes = new EntityChangeTracker(manager, interest);
        const signaller = new ChangeSignaller(changes, deps.signals, logger);
        const rollouts = new RolloutService(manager);
        const entities = new EntityAccess(deps.catalog, deps.permissions);
        const slos = SloService.fromConfig(config, manager, logger);
        const ops = new OpsService(deps.catalog, deps.permissions, rollouts);
        const audit = await KnexAuditStore.create({ database: deps.database });
        // After the audit store: its migrations run first, never concurrently with these.
        const history = await KnexRolloutHistoryStore.create({
          database: deps.database,
        });
        const historyRecorder = new RolloutHistoryRecorder({
          clusters: manager,
          sink: history,
          logger,
        });
        // Migrations run one store after the other, never concurrently.
        const snapshots = await KnexScorecardSnapshotStore.create({
          database: deps.database,
        });
        for (const [policy, target] of [
          [AUDIT_RETENTION, audit],
          [HISTORY_RETENTION, history],
          [SCORECARD_RETENTION, snapshots],
        ] as const) {
          await RetentionCleaner.schedule({
            policy,
            target,
            config,
            scheduler: deps.scheduler,
            logger,
          });
        }
        const scorecards = new ScorecardService({
          clusters: manager,
          clusterStatuses: () => rollouts.clusterStatuses(),
          slos,
          snapshots,
          outcomes: history,
          catalog: deps.catalog,
          permissions: deps.permissions,
          logger,
        });
        await scheduleScorecardSnapshots({
          scheduler: deps.scheduler,
          auth: deps.auth,
          logger,
          scorecards,
        });
        const actions = new RolloutActionService({
          entities,
          rollouts,
          audit,
          auditor: deps.auditor,
          logger,
          executor: new ActionExecutor(
            (config.getOptionalNumber(
              'progressiveDelivery.actions.timeoutSeconds',
            ) ?? 10) * 1000,
          ),
        });

        // Watches start in the background: a slow or broken cluster never delays startup.
        await manager.start();
        changes.start();
        signaller.start();
        historyRecorder.start();
        lifecycle.addShutdownHook(async () => {
          signaller.stop();
          changes.stop();
          await historyRecorder.stop();
          await manager.stop();
        });

        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            entities,
            rollouts,
            ops,
            interest,
            changes,
            actions,
            audit,
            permissions: deps.permissions,
            slos,
            scorecards,
          }),
        );
      },
    });
  },
});
