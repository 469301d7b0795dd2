import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  auditReadPermission,
  rolloutActionPermissions,
  rolloutReadPermission,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { DemoPermissionPolicy } from './DemoPermissionPolicy';

function user(ref: string, groups: string[]): PolicyQueryUser {
  return {
    identity: {
      type: 'user',
      userEntityRef: ref,
      ownershipEntityRefs: [ref, ...groups],
    },
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
    token: 'token',
    credentials: {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef: ref },
    },
  } as PolicyQueryUser;
}

describe('DemoPermissionPolicy', () => {
  const policy = new DemoPermissionPolicy();
  const owner = user('user:default/guest', ['group:default/team-checkout']);
  const sre = user('user:default/sam', ['group:default/sre']);

  it('lets everyone read', async () => {
    for (const permission of [
      catalogEntityReadPermission,
      rolloutReadPermission,
      auditReadPermission,
    ]) {
      await expect(policy.handle({ permission }, owner)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('lets sre act on every rollout', async () => {
    await expect(
      policy.handle({ permission: rolloutActionPermissions.promote }, sre),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('makes other users conditional on owning the entity', async () => {
    const decision = await policy.handle(
      { permission: rolloutActionPermissions.abort },
      owner,
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/guest', 'group:default/team-checkout'],
        },
      },
    });
  });

  it('denies actions without a user', async () => {
    await expect(
      policy.handle({ permission: rolloutActionPermissions.rollback }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});
