import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ClusterSyncStatus,
  emptyScorecardOutcomes,
  SCORECARD_CHECK_IDS,
  ScorecardOutcomes,
  ServiceLevelObjective,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { OutcomeHistory, RolloutKey } from '../history/types';
import { KnexScorecardSnapshotStore } from './KnexScorecardSnapshotStore';
import { ScorecardService } from './ScorecardService';
import {
  cachesOf,
  canaryRollout,
  goldManifests,
  Placed,
  SHOP_SELECTOR,
  shopDeployment,
  shopManifests,
  sloSummary,
} from './__testUtils__/scenario';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-26T10:00:00.000Z');
const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

function component(
  name: string,
  id: string,
  spec: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      title: `${name} service`,
      annotations: { 'backstage.io/kubernetes-id': id },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team-a',
      ...spec,
    },
  };
}

/** Outcomes that show what they were asked. */
class RecordingOutcomes implements OutcomeHistory {
  readonly calls: Array<{ rollouts: RolloutKey[]; days: number; now?: Date }> =
    [];
  async outcomes(
    rollouts: RolloutKey[],
    days: number,
    now?: Date,
  ): Promise<ScorecardOutcomes> {
    this.calls.push({ rollouts, days, now });
    return {
      ...emptyScorecardOutcomes(days, now ?? NOW),
      rolloutsStarted: rollouts.length,
    };
  }
}

async function setup(options: {
  objects?: Array<Placed | Placed['object']>;
  entities?: Entity[];
  statuses?: ClusterSyncStatus[];
  outcomes?: OutcomeHistory;
  readable?: (entityRef: string) => boolean;
}) {
  const knex = await databases.init('SQLITE_3');
  const snapshots = await KnexScorecardSnapshotStore.create({
    database: mockServices.database({ knex }),
    now: () => NOW,
  });
  const logger = mockServices.logger.mock();
  const service = new ScorecardService({
    clusters: cachesOf(options.objects ?? goldManifests()),
    clusterStatuses: () => options.statuses ?? [{ name: 'prod', status: 'ok' }],
    slos: {
      evaluate: async (cluster: string, slo: ServiceLevelObjective) =>
        sloSummary(cluster, slo),
    },
    snapshots,
    catalog: catalogServiceMock({ entities: options.entities ?? [] }),
    permissions: mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result:
            !('resourceRef' in r) ||
            (options.readable ?? (() => true))(r.resourceRef!)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
    }),
    outcomes: options.outcomes,
    logger,
    now: () => NOW,
  });
  return { service, snapshots, logger, knex };
}

describe('ScorecardService.entityScorecard', () => {
  it('scores the entity, records today and answers the history of the window', async () => {
    const { service, snapshots } = await setup({});
    await snapshots.record([
      {
        entityRef: 'component:default/shop',
        day: '2026-10-27',
        level: 'none',
        passed: 0,
        applicable: 2,
      },
      {
        entityRef: 'component:default/shop',
        day: '2026-10-28',
        level: 'bronze',
        passed: 3,
        applicable: 10,
      },
    ]);
    const res = await service.entityScorecard(
      'component:default/shop',
      SHOP_SELECTOR,
      30,
    );
    expect(res.entityRef).toBe('component:default/shop');
    expect(res.level).toBe('gold');
    expect(res.checks.map(c => c.id)).toEqual([...SCORECARD_CHECK_IDS]);
    expect(res.levelRules.map(r => r.level)).toEqual([
      'bronze',
      'silver',
      'gold',
    ]);
    expect(res.clusters).toEqual([{ name: 'prod', status: 'ok' }]);
    // 30 days: 2026-10-28 .. 2026-11-26
    expect(res.history).toEqual([
      { day: '2026-10-28', level: 'bronze', passed: 3, applicable: 10 },
      { day: '2026-11-26', level: 'gold', passed: 10, applicable: 10 },
    ]);
    // Without an outcome history: zero outcomes over the window.
    expect(res.outcomes).toEqual(emptyScorecardOutcomes(30, NOW));
  });

  it("asks the outcome history about the entity's rollouts", async () => {
    const outcomes = new RecordingOutcomes();
    const { service } = await setup({
      objects: [
        {
          cluster: 'eu',
          object: canaryRollout({ steps: [{ setWeight: 10 }] }),
        },
        {
          cluster: 'us',
          object: canaryRollout({ steps: [{ setWeight: 10 }] }),
        },
        { cluster: 'us', object: shopDeployment('legacy') },
      ],
      outcomes,
    });
    const res = await service.entityScorecard(
      'component:default/shop',
      SHOP_SELECTOR,
      7,
    );
    expect(res.outcomes.rolloutsStarted).toBe(2);
    expect(outcomes.calls).toEqual([
      {
        rollouts: [
          { cluster: 'eu', namespace: 'shop', name: 'shop' },
          { cluster: 'us', namespace: 'shop', name: 'shop' },
        ],
        days: 7,
        now: NOW,
      },
    ]);
    expect(res.level).toBe('none');
    expect(res.checks.find(c => c.id === 'runs-as-rollout')?.result).toBe(
      'fail',
    );
  });

  it('writes an unchanged point only once', async () => {
    const { service, snapshots } = await setup({});
    const record = jest.spyOn(snapshots, 'record');
    for (let i = 0; i < 3; i++) {
      await service.entityScorecard(
        'component:default/shop',
        SHOP_SELECTOR,
        30,
      );
    }
    expect(record).toHaveBeenCalledTimes(1);
    const history = await snapshots.history(
      'component:default/shop',
      '2026-11-26',
    );
    expect(history).toEqual([
      { day: '2026-11-26', level: 'gold', passed: 10, applicable: 10 },
    ]);
  });

  it('does not record while a cluster is still syncing', async () => {
    const { service } = await setup({
      statuses: [
        { name: 'prod', status: 'ok' },
        { name: 'dr', status: 'syncing' },
      ],
    });
    const res = await service.entityScorecard(
      'component:default/shop',
      SHOP_SELECTOR,
      30,
    );
    expect(res.level).toBe('gold');
    expect(res.history).toEqual([]);
  });

  it('answers an entity without Kubernetes annotations with every check n/a, unrecorded', async () => {
    const { service } = await setup({});
    const res = await service.entityScorecard(
      'component:default/docs',
      undefined,
      30,
    );
    expect(res.level).toBe('none');
    expect(res.checks.every(c => c.result === 'n/a')).toBe(true);
    expect(res.history).toEqual([]);
  });

  it('still answers when the history cannot be written', async () => {
    const { service, knex, logger } = await setup({});
    await knex.schema.renameTable('scorecard_snapshots', 'gone');
    await expect(
      service.entityScorecard('component:default/shop', SHOP_SELECTOR, 30),
    ).rejects.toBeDefined();
    await knex.schema.renameTable('gone', 'scorecard_snapshots');
    await knex('scorecard_snapshots').delete();
    await knex.raw(
      "CREATE TRIGGER refuse BEFORE INSERT ON scorecard_snapshots BEGIN SELECT RAISE(ABORT, 'read-only'); END",
    );
    const res = await service.entityScorecard(
      'component:default/shop',
      SHOP_SELECTOR,
      30,
    );
    expect(res.level).toBe('gold');
    expect(res.history).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Scorecard history not written'),
    );
  });
});

describe('ScorecardService.orgScorecards', () => {
  const entities = [
    component('shop', 'shop', { system: 'system:default/storefront' }),
    component('billing', 'billing'),
    component('secret', 'secret'),
    {
      ...component('docs', 'docs'),
      metadata: { name: 'docs', namespace: 'default' },
    },
  ];
  const billing = canaryRollout({}, 'billing', 'billing');
  billing.metadata.labels = {
    app: 'billing',
    'backstage.io/kubernetes-id': 'billing',
  };

  it('scores every readable annotated entity, with trends against the start of the window', async () => {
    const { service, snapshots } = await setup({
      objects: [...goldManifests(), billing],
      entities,
      readable: ref => ref !== 'component:default/secret',
    });
    await snapshots.record([
      // The latest point on or before the baseline day (2026-10-27) counts.
      {
        entityRef: 'component:default/shop',
        day: '2026-10-01',
        level: 'none',
        passed: 1,
        applicable: 5,
      },
      {
        entityRef: 'component:default/shop',
        day: '2026-10-26',
        level: 'bronze',
        passed: 4,
        applicable: 10,
      },
      {
        entityRef: 'component:default/shop',
        day: '2026-11-01',
        level: 'silver',
        passed: 7,
        applicable: 10,
      },
    ]);
    const res = await service.orgScorecards(mockCredentials.user(), 30);
    expect(res.windowDays).toBe(30);
    expect(res.clusters).toEqual([{ name: 'prod', status: 'ok' }]);
    expect(res.entities.map(e => e.entityRef)).toEqual([
      'component:default/billing',
      'component:default/shop',
    ]);
    const [bill, shop] = res.entities;
    expect(shop).toMatchObject({
      title: 'shop service',
      owner: 'group:default/team-a',
      system: 'system:default/storefront',
      level: 'gold',
      passed: 10,
      applicable: 10,
      trend: 6,
    });
    expect(Object.keys(shop.results)).toEqual([...SCORECARD_CHECK_IDS]);
    expect(bill).toMatchObject({ level: 'none', trend: null });
    expect(bill.system).toBeUndefined();
    expect(bill.results['strategy-with-steps']).toBe('fail');
    expect(bill.outcomes.rolloutsStarted).toBe(0);
    // Today's points were written.
    expect(
      await snapshots.history('component:default/billing', '2026-11-26'),
    ).toHaveLength(1);
  });

  it('answers no entities when nothing is readable', async () => {
    const { service } = await setup({ entities, readable: () => false });
    const res = await service.orgScorecards(mockCredentials.user(), 7);
    expect(res.entities).toEqual([]);
  });
});

describe('ScorecardService.recordAll', () => {
  it('records every annotated entity', async () => {
    const { service, snapshots } = await setup({
      objects: [
        ...goldManifests(),
        ...shopManifests({ name: 'billing', kubernetesId: 'billing' }),
      ],
      entities: [component('shop', 'shop'), component('billing', 'billing')],
      // The task needs no permission: it reads as the plugin itself.
      readable: () => false,
    });
    await expect(service.recordAll(mockCredentials.service())).resolves.toBe(2);
    expect(
      await snapshots.history('component:default/shop', '2000-01-01'),
    ).toEqual([
      { day: '2026-11-26', level: 'gold', passed: 10, applicable: 10 },
    ]);
    expect(
      await snapshots.history('component:default/billing', '2026-11-26'),
    ).toEqual([
      // Canary steps without routing, analysis or SLO: runs-as-rollout, strategy-with-steps,
      // safe-first-step (10%) and no-unguarded-manual-pause pass; error-budget-healthy is n/a.
      { day: '2026-11-26', level: 'bronze', passed: 4, applicable: 9 },
    ]);
  });
});
