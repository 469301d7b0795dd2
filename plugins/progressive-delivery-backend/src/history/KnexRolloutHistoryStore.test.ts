import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { emptyScorecardOutcomes } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { createAuditTestDatabases } from '../audit/__testUtils__/auditTestDatabases';
import { KnexAuditStore } from '../audit/KnexAuditStore';
import { AuditCompletionOutcome } from '../audit/types';
import { NewRolloutEvent } from './events';
import { KnexRolloutHistoryStore } from './KnexRolloutHistoryStore';
import { RolloutKey } from './types';

jest.setTimeout(60_000);

// SQLite always; PostgreSQL when scripts/postgres.sh runs (required in CI).
const databases = createAuditTestDatabases();

const NOW = new Date('2026-11-26T12:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
/** `minutes` before NOW. */
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * MINUTE_MS);

const checkout: RolloutKey = {
  cluster: 'prod-eu',
  namespace: 'shop',
  name: 'checkout',
};
const cart: RolloutKey = {
  cluster: 'prod-eu',
  namespace: 'shop',
  name: 'cart',
};
/** Same name, other cluster or namespace: never counted for `checkout`. */
const lookalikes: RolloutKey[] = [
  { cluster: 'prod-us', namespace: 'shop', name: 'checkout' },
  { cluster: 'prod-eu', namespace: 'shop-staging', name: 'checkout' },
];

let uniqueKey = 0;

function event(
  rollout: RolloutKey,
  type: NewRolloutEvent['type'],
  occurredAt: Date,
  extra: Partial<NewRolloutEvent> = {},
): NewRolloutEvent {
  return {
    ...rollout,
    rolloutUid: `uid-${rollout.cluster}-${rollout.namespace}-${rollout.name}`,
    revision: 7,
    podHash: 'abc123',
    type,
    key: `${type}:${uniqueKey++}`,
    occurredAt,
    ...extra,
  };
}

/** A started and a completed event of one revision, `seconds` apart, completing at `completedAt`. */
function revision(
  rollout: RolloutKey,
  revisionNumber: number,
  completedAt: Date,
  seconds: number,
): NewRolloutEvent[] {
  const podHash = `hash-${revisionNumber}`;
  return [
    event(
      rollout,
      'started',
      new Date(completedAt.getTime() - seconds * 1000),
      {
        revision: revisionNumber,
        podHash,
        key: `started:${revisionNumber}:${podHash}`,
      },
    ),
    event(rollout, 'completed', completedAt, {
      revision: revisionNumber,
      podHash,
      key: `completed:${revisionNumber}:${podHash}`,
    }),
  ];
}

async function setup(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database({ knex });
  let auditNow = NOW;
  const audit = await KnexAuditStore.create({ database, now: () => auditNow });
  const store = await KnexRolloutHistoryStore.create({ database });
  return {
    knex,
    database,
    store,
    /** A portal action at `at`, completed with `outcome`. */
    async portalAction(
      rollout: RolloutKey,
      action: string,
      at: Date,
      outcome: AuditCompletionOutcome = 'succeeded',
    ) {
      auditNow = at;
      const row = await audit.begin({
        actorRef: 'user:default/jane',
        entityRef: 'component:default/checkout',
        cluster: rollout.cluster,
        namespace: rollout.namespace,
        rollout: rollout.name,
        action,
      });
      await audit.complete(row.id, { outcome });
    },
    async deniedPortalAction(rollout: RolloutKey, action: string, at: Date) {
      auditNow = at;
      await audit.record({
        actorRef: 'user:default/mallory',
        entityRef: 'component:default/checkout',
        cluster: rollout.cluster,
        namespace: rollout.namespace,
        rollout: rollout.name,
        action,
        outcome: 'denied',
      });
    },
  };
}

describe('KnexRolloutHistoryStore', () => {
  it.each(databases.eachSupportedId())(
    'answers an empty history with zeros and nulls, %p',
    async databaseId => {
      const { store } = await setup(databaseId);
      const empty = emptyScorecardOutcomes(30, NOW);
      await expect(store.outcomes([checkout], 30, NOW)).resolves.toEqual(empty);
      await expect(store.outcomes([], 30, NOW)).resolves.toEqual(empty);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts starts, completions and aborts of the rollouts asked about, inside the window only, %p',
    async databaseId => {
      const { store } = await setup(databaseId);
      const from = new Date(NOW.getTime() - 7 * DAY_MS);
      await store.append([
        // window edges: from and to are inside, a millisecond beyond is not
        event(checkout, 'started', from),
        event(checkout, 'started', new Date(from.getTime() - 1)),
        event(checkout, 'started', NOW),
        event(checkout, 'started', new Date(NOW.getTime() + 1)),
        event(checkout, 'started', ago(60)),
        event(checkout, 'completed', ago(50)),
        event(checkout, 'aborted', ago(40), { detail: 'analysis' }),
        event(checkout, 'aborted', ago(30), { detail: 'manual' }),
        event(cart, 'started', ago(20)),
        event(cart, 'completed', ago(10)),
        ...lookalikes.flatMap(other => [
          event(other, 'started', ago(20)),
          event(other, 'completed', ago(10)),
          event(other, 'aborted', ago(10)),
        ]),
      ]);

      const week = await store.outcomes([checkout], 7, NOW);
      expect(week).toMatchObject({
        window: { days: 7, from: from.toISOString(), to: NOW.toISOString() },
        rolloutsStarted: 3,
        rolloutsCompleted: 1,
        rolloutsAborted: 2,
      });
      const both = await store.outcomes([checkout, cart, checkout], 7, NOW);
      expect(both).toMatchObject({
        rolloutsStarted: 4,
        rolloutsCompleted: 2,
        rolloutsAborted: 2,
      });
      // a day ending 35 minutes ago
      const endingEarlier = await store.outcomes([checkout], 1, ago(35));
      expect(endingEarlier).toMatchObject({
        rolloutsStarted: 1,
        rolloutsCompleted: 1,
        rolloutsAborted: 1,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'computes median and p90 time from start to full promotion, %p',
    async databaseId => {
      const { store } = await setup(databaseId);
      await store.append([
        ...revision(checkout, 1, ago(600), 60),
        ...revision(checkout, 2, ago(500), 120),
        ...revision(checkout, 3, ago(400), 180.5),
        ...revision(checkout, 4, ago(300), 240),
        // started two days before the 1-day window, completed inside it: counts
        ...revision(checkout, 5, ago(200), 2 * 86400),
        // a completion whose start was never seen: counted, but no duration
        event(checkout, 'completed', ago(100), {
          revision: 6,
          podHash: 'hash-6',
          key: 'completed:6:hash-6',
        }),
        // a start of another pod hash never matches
        event(checkout, 'started', ago(95), {
          revision: 6,
          podHash: 'other',
          key: 'started:6:other',
        }),
        // the same revision on another rollout is another revision
        ...revision(cart, 1, ago(90), 9999),
      ]);

      const day = await store.outcomes([checkout], 1, NOW);
      expect(day.rolloutsCompleted).toBe(6);
      // durations 60, 120, 180.5, 240, 172800: median 180.5, p90 (rank 5 of 5) 172800
      expect(day.medianTimeToPromoteSeconds).toBe(180.5);
      expect(day.p90TimeToPromoteSeconds).toBe(172800);

      // four durations: median is the mean of the two middle ones
      const earlier = await store.outcomes([checkout], 1, ago(250));
      expect(earlier.rolloutsCompleted).toBe(4);
      expect(earlier.medianTimeToPromoteSeconds).toBe(150.25);
      expect(earlier.p90TimeToPromoteSeconds).toBe(240);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts finished AnalysisRuns by phase and the failure rate, %p',
    async databaseId => {
      const { store } = await setup(databaseId);
      const run = (phase: string, minutesAgo: number) =>
        event(checkout, 'analysis-finished', ago(minutesAgo), {
          phase,
          detail: `run-${phase}`,
        });
      await store.append([
        run('Successful', 10),
        run('Successful', 20),
        run('Successful', 30),
        run('Failed', 40),
        run('Error', 50),
        run('Inconclusive', 60),
        run('Failed', 2 * 24 * 60), // before the window
        event(cart, 'analysis-finished', ago(5), { phase: 'Failed' }),
      ]);
      const day = await store.outcomes([checkout], 1, NOW);
      expect(day.analysisRuns).toEqual({
        total: 6,
        successful: 3,
        failed: 1,
        errored: 1,
        inconclusive: 1,
      });
      expect(day.analysisFailureRate).toBeCloseTo(2 / 6, 10);
      const cartOnly = await store.outcomes([cart], 1, NOW);
      expect(cartOnly.analysisFailureRate).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts actions taken in the portal versus elsewhere, %p',
    async databaseId => {
      const { store, portalAction, deniedPortalAction } = await setup(
        databaseId,
      );
      // portal: succeeded actions on the rollout within the window
      await portalAction(checkout, 'promote', ago(100));
      await portalAction(checkout, 'abort', ago(80));
      await portalAction(checkout, 'promote', ago(60));
      await portalAction(checkout, 'restart', ago(50), 'failed');
      await portalAction(checkout, 'pause', ago(45), 'unknown');
      await deniedPortalAction(checkout, 'promote', ago(40));
      await portalAction(cart, 'promote', ago(30));
      await portalAction(checkout, 'promote', ago(2 * 24 * 60));

      await store.append([
        // the portal's own promote, seen a minute later in the cluster: not elsewhere
        event(checkout, 'manual-promote', ago(99)),
        // the portal's abort seen two minutes earlier (clock skew): matched, ±2 minutes
        event(checkout, 'manual-abort', ago(82)),
        // the same kind three minutes after a portal promote: elsewhere
        event(checkout, 'manual-promote', ago(57)),
        // another kind of action right after a portal promote: elsewhere
        event(checkout, 'manual-restart', ago(60)),
        // promote also unsets spec.paused: a resume explained by the portal promote
        event(checkout, 'manual-resume', ago(60)),
        // a pause whose portal action timed out (may have applied): not elsewhere
        event(checkout, 'manual-pause', ago(44)),
        // kubectl while nobody used the portal: elsewhere
        event(checkout, 'manual-retry', ago(20)),
        // the portal promote on cart does not explain a promote on checkout
        event(checkout, 'manual-promote', ago(30)),
        // not manual interventions
        event(checkout, 'aborted', ago(82), { detail: 'manual' }),
        event(checkout, 'started', ago(10)),
      ]);

      const day = await store.outcomes([checkout], 1, NOW);
      expect(day.actions).toEqual({ portal: 3, elsewhere: 4 });
      const both = await store.outcomes([checkout, cart], 1, NOW);
      expect(both.actions).toEqual({ portal: 4, elsewhere: 4 });
      const week = await store.outcomes([checkout], 7, NOW);
      expect(week.actions.portal).toBe(4);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores a transition once, however often and by however many replicas it is seen, %p',
    async databaseId => {
      const { store, database } = await setup(databaseId);
      const seenBy = (at: Date) => [
        ...revision(checkout, 8, at, 90).map(e => ({ ...e })),
        event(checkout, 'aborted', at, {
          key: 'aborted:8:2026-11-26T11:00:00Z',
        }),
      ];
      await store.append(seenBy(ago(30)));
      // a second replica, slightly later, in one batch with a duplicate inside
      const replica = await KnexRolloutHistoryStore.create({ database });
      await replica.append([...seenBy(ago(29)), ...seenBy(ago(29))]);
      // the same key on another rollout is another transition
      await replica.append([
        event(cart, 'aborted', ago(29), {
          key: 'aborted:8:2026-11-26T11:00:00Z',
        }),
      ]);
      const outcomes = await store.outcomes([checkout, cart], 1, NOW);
      expect(outcomes).toMatchObject({
        rolloutsStarted: 1,
        rolloutsCompleted: 1,
        rolloutsAborted: 2,
        // the first writer's times are kept
        medianTimeToPromoteSeconds: 90,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes events older than the retention cutoff, %p',
    async databaseId => {
      const { store } = await setup(databaseId);
      await store.append([
        event(checkout, 'started', ago(3 * 24 * 60)),
        event(checkout, 'started', ago(2 * 24 * 60)),
        event(checkout, 'started', ago(60)),
      ]);
      await expect(store.deleteOlderThan(ago(2 * 24 * 60))).resolves.toBe(1);
      const all = await store.outcomes([checkout], 30, NOW);
      expect(all.rolloutsStarted).toBe(2);
      await expect(
        store.deleteOlderThan(new Date('nope')),
      ).rejects.toMatchObject({ name: 'InputError' });
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses bad questions and bad events with an InputError, %p',
    async databaseId => {
      const { store } = await setup(databaseId);
      for (const days of [0, -1, 1.5, 3661, Number.NaN]) {
        await expect(
          store.outcomes([checkout], days, NOW),
        ).rejects.toMatchObject({ name: 'InputError' });
      }
      for (const rollouts of [
        [{ cluster: 'prod-eu', namespace: 'shop' }],
        [{ ...checkout, name: '' }],
        [null],
        'checkout',
      ]) {
        await expect(
          store.outcomes(rollouts as unknown as RolloutKey[], 7, NOW),
        ).rejects.toMatchObject({ name: 'InputError' });
      }
      await expect(
        store.outcomes([checkout], 7, new Date('nope')),
      ).rejects.toMatchObject({ name: 'InputError' });
      await expect(
        store.append([{ ...event(checkout, 'started', NOW), rolloutUid: '' }]),
      ).rejects.toMatchObject({ name: 'InputError' });
    },
  );
});
