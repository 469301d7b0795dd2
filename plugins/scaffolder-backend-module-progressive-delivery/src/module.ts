import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  applyManifestsAction,
  createManifestsAction,
  migrateDeploymentAction,
  publishLocalAction,
  registerLocalAction,
  validateManifestsAction,
} from './actions';

/**
 * Scaffolder module with the Progressive Delivery actions: `argo-rollouts:manifests:create`,
 * `argo-rollouts:migrate-deployment`, `argo-rollouts:manifests:validate`, and the demo helpers
 * `progressive-delivery:publish:local`, `progressive-delivery:catalog:register-local` and
 * `progressive-delivery:kubernetes:apply` (all disabled unless configured).
 * @public
 */
export const scaffolderModuleProgressiveDelivery = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'progressive-delivery',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, config, catalog }) {
        scaffolder.addActions(
          createManifestsAction(),
          migrateDeploymentAction(),
          validateManifestsAction(),
          publishLocalAction({ config }),
          registerLocalAction({ config, catalog }),
          applyManifestsAction({ config }),
        );
      },
    });
  },
});
