import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  rolloutActionPermissions,
  rolloutReadPermission,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { EntityAccess } from './EntityAccess';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'web',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'web' },
  },
  spec: { type: 'service', owner: 'team-a' },
};

function setup(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const catalog = catalogServiceMock({ entities: [entity] });
  const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
  const authorize = jest.fn(async (requests: unknown[]) =>
    requests.map(() => ({ result })),
  );
  const permissions = mockServices.permissions.mock({
    authorize: authorize as any,
  });
  let now = 0;
  const access = new EntityAccess(catalog, permissions, 5_000, () => now);
  return {
    access,
    getEntityByRef,
    authorize,
    tick: (ms: number) => (now += ms),
  };
}

const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');
const ref = 'component:default/web';

describe('EntityAccess', () => {
  it('returns the entity and its workload selector when allowed', async () => {
    const { access } = setup();
    const result = await access.load(ref, rolloutReadPermission, alice);
    expect(result.selector?.labelSelector).toBe(
      'backstage.io/kubernetes-id=web',
    );
  });

  it('reuses an allowed read for the same principal for a few seconds only', async () => {
    const { access, getEntityByRef, authorize, tick } = setup();
    await access.load(ref, rolloutReadPermission, alice, { cacheRead: true });
    await access.load(ref, rolloutReadPermission, alice, { cacheRead: true });
    expect(authorize).toHaveBeenCalledTimes(1);
    expect(getEntityByRef).toHaveBeenCalledTimes(1);
    await access.load(ref, rolloutReadPermission, bob, { cacheRead: true });
    expect(authorize).toHaveBeenCalledTimes(2);
    tick(10_001);
    await access.load(ref, rolloutReadPermission, alice, { cacheRead: true });
    expect(authorize).toHaveBeenCalledTimes(3);
  });

  it('renews a result between one and two TTLs in the background, serving the old one meanwhile', async () => {
    const { access, authorize, tick } = setup();
    await access.load(ref, rolloutReadPermission, alice, { cacheRead: true });
    tick(6_000);
    let decide: (
      result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
    ) => void = () => {};
    authorize.mockImplementationOnce(
      requests =>
        new Promise(resolve => {
          decide = result => resolve(requests.map(() => ({ result })));
        }),
    );
    // Served at once from the old result while the renewal is pending.
    const served = await access.load(ref, rolloutReadPermission, alice, {
      cacheRead: true,
    });
    expect(served.entityRef).toBe(ref);
    expect(authorize).toHaveBeenCalledTimes(2);
    // A second read does not start a second renewal.
    await access.load(ref, rolloutReadPermission, alice, { cacheRead: true });
    expect(authorize).toHaveBeenCalledTimes(2);
    // The renewal finds the permission revoked: the next read checks again, and is refused.
    authorize.mockImplementation(async requests =>
      requests.map(() => ({ result: AuthorizeResult.DENY })),
    );
    decide(AuthorizeResult.DENY);
    await new Promise(resolve => setImmediate(resolve));
    await expect(
      access.load(ref, rolloutReadPermission, alice, { cacheRead: true }),
    ).rejects.toThrow('Not allowed');
  });

  it('never caches actions or denials', async () => {
    const allowed = setup();
    await allowed.access.load(ref, rolloutActionPermissions.promote, alice);
    await allowed.access.load(ref, rolloutActionPermissions.promote, alice);
    expect(allowed.authorize).toHaveBeenCalledTimes(2);

    const denied = setup(AuthorizeResult.DENY);
    for (let i = 0; i < 2; i++) {
      await expect(
        denied.access.load(ref, rolloutReadPermission, alice, {
          cacheRead: true,
        }),
      ).rejects.toThrow('Not allowed');
    }
    expect(denied.authorize).toHaveBeenCalledTimes(2);
  });

  it('is a 404 for entities the caller cannot see', async () => {
    const { access } = setup();
    await expect(
      access.load('component:default/missing', rolloutReadPermission, alice),
    ).rejects.toThrow('not found');
  });
});
