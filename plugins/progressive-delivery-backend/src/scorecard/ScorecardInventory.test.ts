import {
  entityWorkloadSelector,
  ServiceLevelObjective,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ScorecardInventory } from './ScorecardInventory';
import {
  cachesOf,
  canaryRollout,
  goldManifests,
  SHOP_SELECTOR,
  shopDeployment,
} from './__testUtils__/scenario';

function selector(annotations: Record<string, string>) {
  return entityWorkloadSelector({ metadata: { annotations } })!;
}

describe('ScorecardInventory', () => {
  const other = canaryRollout({}, 'billing', 'billing');
  other.metadata.labels = {
    app: 'billing',
    'backstage.io/kubernetes-id': 'billing',
    tier: 'backend',
  };
  const shopInStaging = canaryRollout({}, 'shop', 'staging');
  shopInStaging.metadata.labels!.tier = 'backend';
  const inventory = new ScorecardInventory(
    cachesOf([
      { cluster: 'us', object: canaryRollout({}) },
      { cluster: 'eu', object: canaryRollout({}) },
      { cluster: 'eu', object: shopInStaging },
      { cluster: 'eu', object: other },
      { cluster: 'eu', object: shopDeployment() },
      ...goldManifests().map(object => ({ cluster: 'eu', object })),
    ]),
  );

  it("finds an entity's objects by kubernetes-id, sorted by cluster, namespace and name", () => {
    const found = inventory.forEntity(SHOP_SELECTOR);
    expect(
      found.rollouts.map(
        r =>
          `${r.cluster}/${r.rollout.metadata.namespace}/${r.rollout.metadata.name}`,
      ),
    ).toEqual(['eu/shop/shop', 'eu/staging/shop', 'us/shop/shop']);
    expect(found.deployments.map(d => d.deployment.metadata.name)).toEqual([
      'shop',
    ]);
    expect(found.slos.map(s => s.slo.metadata.name)).toEqual([
      'shop-availability',
    ]);
  });

  it('applies the namespace annotation and label selectors like the rollouts view', () => {
    const inShop = inventory.forEntity(
      selector({
        'backstage.io/kubernetes-id': 'shop',
        'backstage.io/kubernetes-namespace': 'staging',
      }),
    );
    expect(inShop.rollouts.map(r => r.rollout.metadata.namespace)).toEqual([
      'staging',
    ]);
    const backend = inventory.forEntity(
      selector({ 'backstage.io/kubernetes-label-selector': 'tier=backend' }),
    );
    expect(backend.rollouts.map(r => r.rollout.metadata.name)).toEqual([
      'billing',
      'shop',
    ]);
    expect(inventory.forEntity(undefined)).toEqual({
      rollouts: [],
      deployments: [],
      slos: [],
    });
  });

  it('looks AnalysisTemplates up by namespace and ClusterAnalysisTemplates by name', () => {
    expect(
      inventory.template('eu', 'shop', { templateName: 'shop-slo-burn-rate' })
        ?.metadata.name,
    ).toBe('shop-slo-burn-rate');
    expect(
      inventory.template('eu', 'staging', {
        templateName: 'shop-slo-burn-rate',
      }),
    ).toBeUndefined();
    expect(
      inventory.template('us', 'shop', { templateName: 'shop-slo-burn-rate' }),
    ).toBeUndefined();
    expect(
      inventory.template('eu', 'shop', {
        templateName: 'shop-slo-burn-rate',
        clusterScope: true,
      }),
    ).toBeUndefined();
    expect(
      inventory.template('nowhere', 'shop', { templateName: 'x' }),
    ).toBeUndefined();
  });

  it('skips SLOs without a name and objects that are not valid Rollouts', () => {
    const unnamed = {
      ...(goldManifests().find(
        o => o.kind === 'ServiceLevelObjective',
      ) as ServiceLevelObjective),
    };
    unnamed.metadata = { ...unnamed.metadata, name: '' };
    const broken = { ...canaryRollout({}), spec: { strategy: {} } } as any;
    const found = new ScorecardInventory(cachesOf([broken, unnamed])).forEntity(
      SHOP_SELECTOR,
    );
    expect(found.rollouts).toEqual([]);
    expect(found.slos).toEqual([]);
  });
});
