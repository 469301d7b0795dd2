/*
 * Demo portal backend: catalog, scaffolder, permissions (demo policy), signals, guest sign-in,
 * the Kubernetes plugin (for comparison) and the Progressive Delivery plugin.
 */
import { createBackend } from '@backstage/backend-defaults';
import { demoPermissionPolicyModule } from './permissions/demoPermissionPolicyModule';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for the demo
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import(
    '@pdelivery/backstage-plugin-scaffolder-backend-module-progressive-delivery'
  ),
);

// permissions, with the demo policy of DESIGN §4.4
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(demoPermissionPolicyModule);

// live updates
backend.add(import('@backstage/plugin-signals-backend'));

// the Kubernetes plugin reads the same `kubernetes` block
backend.add(import('@backstage/plugin-kubernetes-backend'));

backend.add(import('@backstage/plugin-user-settings-backend'));

// progressive delivery
backend.add(import('@pdelivery/backstage-plugin-progressive-delivery-backend'));

backend.start();
