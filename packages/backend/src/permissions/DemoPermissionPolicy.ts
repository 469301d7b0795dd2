import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { isRolloutActionPermission } from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** Members of this group may act on every rollout. */
export const SRE_GROUP_REF = 'group:default/sre';

/**
 * The demo policy of DESIGN §4.4: everyone may read; owners of an entity may act on its
 * rollouts; members of group `sre` may act on all rollouts; nobody else may act.
 * Everything that is not a rollout action is allowed, as in the template's allow-all policy.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!isRolloutActionPermission(permission.name)) {
      return { result: AuthorizeResult.ALLOW };
    }
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.includes(SRE_GROUP_REF)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      !user ||
      claims.length === 0 ||
      !isResourcePermission(permission, 'catalog-entity')
    ) {
      return { result: AuthorizeResult.DENY };
    }
    return createCatalogConditionalDecision(
      permission,
      catalogConditions.isEntityOwner({ claims }),
    );
  }
}
