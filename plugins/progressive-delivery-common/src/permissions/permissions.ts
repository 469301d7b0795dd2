import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  BasicPermission,
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { ROLLOUT_ACTIONS, RolloutAction } from '../actions/rolloutActions';

/**
 * Read the Rollouts, analysis, SLOs and audit trail of one catalog entity.
 * @public
 */
export const rolloutReadPermission = createPermission({
  name: 'progressive-delivery.rollout.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** @public */
export type RolloutActionPermission = ResourcePermission<
  typeof RESOURCE_TYPE_CATALOG_ENTITY
>;

function actionPermission(action: RolloutAction): RolloutActionPermission {
  return createPermission({
    name: `progressive-delivery.rollout.${action}`,
    attributes: { action: 'update' },
    resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
  });
}

/**
 * One permission per rollout action, evaluated against the entity that owns the rollout,
 * so policies can use catalog conditions such as `isEntityOwner`.
 * @public
 */
export const rolloutActionPermissions: Readonly<
  Record<RolloutAction, RolloutActionPermission>
> = Object.freeze(
  Object.fromEntries(
    ROLLOUT_ACTIONS.map(action => [action, actionPermission(action)]),
  ) as Record<RolloutAction, RolloutActionPermission>,
);

/**
 * Read the global audit log across all entities (ops page).
 * @public
 */
export const auditReadPermission: BasicPermission = createPermission({
  name: 'progressive-delivery.audit.read',
  attributes: { action: 'read' },
});

/**
 * Every permission of the plugin, for `permissionsRegistry.addPermissions`.
 * @public
 */
export const progressiveDeliveryPermissions = [
  rolloutReadPermission,
  ...Object.values(rolloutActionPermissions),
  auditReadPermission,
];

/** True when the permission is one of the rollout action permissions. @public */
export function isRolloutActionPermission(name: string): boolean {
  return ROLLOUT_ACTIONS.some(
    action => rolloutActionPermissions[action].name === name,
  );
}
