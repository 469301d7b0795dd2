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
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, discovery, auth }) {
        scaffolder.addActions(
          createManifestsAction(),
          migrateDeploymentAction(),
          validateManifestsAction(),
          publishLocalAction({ config }),
          registerLocalAction({ config, discovery, auth }),
          applyManifestsAction({ config }),
        );
      },
    });
  },
});
