import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { progressiveDeliveryPermissions } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ActionExecutor } from './actions/ActionExecutor';
import { RolloutActionService } from './actions/RolloutActionService';
import { AuditCleaner, KnexAuditStore } from './audit';
import { ConfigClusterSupplier } from './clusters/ConfigClusterSupplier';
import { EntityAccess } from './entities/EntityAccess';
import { createRouter } from './router';
import { OpsService } from './service/OpsService';
import { RolloutService } from './service/RolloutService';
import { ChangeSignaller } from './signals/ChangeSignaller';
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
        const signaller = new ChangeSignaller(
          manager,
          interest,
          deps.signals,
          logger,
        );
        const rollouts = new RolloutService(manager);
        const entities = new EntityAccess(deps.catalog, deps.permissions);
        const slos = SloService.fromConfig(config, manager, logger);
        const ops = new OpsService(deps.catalog, deps.permissions, rollouts);
        const audit = await KnexAuditStore.create({ database: deps.database });
        await AuditCleaner.schedule({
          config,
          scheduler: deps.scheduler,
          logger,
          store: audit,
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
        signaller.start();
        lifecycle.addShutdownHook(async () => {
          signaller.stop();
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
            actions,
            audit,
            permissions: deps.permissions,
            slos,
          }),
        );
      },
    });
  },
});
