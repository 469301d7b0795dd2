import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { progressiveDeliveryPermissions } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ConfigClusterSupplier } from './clusters/ConfigClusterSupplier';
import { createRouter } from './router';

/**
 * Progressive Delivery backend plugin: Argo Rollouts across clusters, joined to catalog
 * entities, with guarded actions.
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
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        config,
        logger,
        httpAuth,
        httpRouter,
        permissionsRegistry,
      }) {
        permissionsRegistry.addPermissions(progressiveDeliveryPermissions);
        const clusterSupplier = ConfigClusterSupplier.fromConfig(config);
        const clusters = await clusterSupplier.getClusters();
        if (clusters.length === 0) {
          logger.warn(
            'No clusters configured: add clusters under kubernetes.clusterLocatorMethods (type: config)',
          );
        } else {
          logger.info(
            `Progressive delivery: ${clusters.length} cluster(s): ${clusters
              .map(c => c.name)
              .join(', ')}`,
          );
        }
        httpRouter.use(await createRouter({ httpAuth, clusterSupplier }));
      },
    });
  },
});
