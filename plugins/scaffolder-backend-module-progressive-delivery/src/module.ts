import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  applyManifestsAction,
  createManifestsAction,
  migrateDeploymentAction,
  publishLocalAction,
  validateManifestsAction,
} from './actions';

/**
 * Scaffolder module with the Progressive Delivery actions: `argo-rollouts:manifests:create`,
 * `argo-rollouts:migrate-deployment`, `argo-rollouts:manifests:validate`, and the demo helpers
 * `progressive-delivery:publish:local` and `progressive-delivery:kubernetes:apply` (both disabled
 * unless configured).
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
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createManifestsAction(),
          migrateDeploymentAction(),
          validateManifestsAction(),
          publishLocalAction({ config }),
          applyManifestsAction({ config }),
        );
      },
    });
  },
});
