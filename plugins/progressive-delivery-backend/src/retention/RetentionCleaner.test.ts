import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import knexFactory from 'knex';
import { KnexScorecardSnapshotStore } from '../scorecard/KnexScorecardSnapshotStore';
import {
  readRetentionDays,
  RetentionCleaner,
  RetentionPolicy,
} from './RetentionCleaner';
import {
  AUDIT_RETENTION,
  HISTORY_RETENTION,
  SCORECARD_RETENTION,
} from './retentionPolicies';

const NOW = new Date('2026-11-26T00:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;

/** Root config holding `value` at the policy's dotted key. */
function configWith(policy: RetentionPolicy, value?: number) {
  const data: JsonObject = {};
  if (value !== undefined) {
    const keys = policy.configKey.split('.');
    let node = data;
    for (const key of keys.slice(0, -1)) {
      node = node[key] = {};
    }
    node[keys[keys.length - 1]] = value;
  }
  return mockServices.rootConfig({ data });
}

async function schedule(policy: RetentionPolicy, retentionDays?: number) {
  const scheduler = mockServices.scheduler.mock();
  const logger = mockServices.logger.mock();
  const target = { deleteOlderThan: jest.fn().mockResolvedValue(3) };
  const cleaner = await RetentionCleaner.schedule({
    policy,
    config: configWith(policy, retentionDays),
    scheduler,
    logger,
    target,
    now: () => NOW,
  });
  return { cleaner, scheduler, logger, target };
}

describe('RetentionCleaner', () => {
  it.each([
    {
      policy: AUDIT_RETENTION,
      taskId: 'progressive-delivery-audit-retention',
      defaultDays: 365,
    },
    {
      policy: HISTORY_RETENTION,
      taskId: 'progressive-delivery-history-retention',
      defaultDays: 400,
    },
    {
      policy: SCORECARD_RETENTION,
      taskId: 'progressive-delivery-scorecard-retention',
      defaultDays: 400,
    },
  ])(
    'schedules $taskId daily on one instance, deleting what is older than $defaultDays days by default',
    async ({ policy, taskId, defaultDays }) => {
      const { cleaner, scheduler, target } = await schedule(policy);
      expect(cleaner.retentionDays).toBe(defaultDays);
      expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
      const task = scheduler.scheduleTask.mock.calls[0][0];
      expect(task).toMatchObject({
        id: taskId,
        scope: 'global',
        frequency: { hours: 24 },
      });
      await task.fn(new AbortController().signal);
      expect(target.deleteOlderThan).toHaveBeenCalledWith(
        new Date(NOW.getTime() - defaultDays * DAY_MS),
      );
    },
  );

  it.each([AUDIT_RETENTION, HISTORY_RETENTION, SCORECARD_RETENTION])(
    'reads $configKey',
    async policy => {
      const { cleaner, target, logger } = await schedule(policy, 30);
      await expect(cleaner.runOnce()).resolves.toBe(3);
      expect(target.deleteOlderThan).toHaveBeenCalledWith(
        new Date(NOW.getTime() - 30 * DAY_MS),
      );
      expect(logger.info).toHaveBeenCalledWith(
        `Retention: deleted 3 ${policy.items} older than 2026-10-27T00:00:00.000Z`,
      );
    },
  );

  it('keeps everything forever with retentionDays 0', async () => {
    const { cleaner, scheduler, target } = await schedule(HISTORY_RETENTION, 0);
    expect(scheduler.scheduleTask).not.toHaveBeenCalled();
    await expect(cleaner.runOnce()).resolves.toBe(0);
    expect(target.deleteOlderThan).not.toHaveBeenCalled();
  });

  it('refuses a retention that is not a whole number of days', () => {
    for (const retentionDays of [-1, 1.5]) {
      expect(() =>
        readRetentionDays(
          configWith(AUDIT_RETENTION, retentionDays),
          AUDIT_RETENTION,
        ),
      ).toThrow(/^Invalid progressiveDelivery.audit.retentionDays/);
    }
  });

  it('deletes the scorecard points of the days past the retention from the store', async () => {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    try {
      const store = await KnexScorecardSnapshotStore.create({
        database: mockServices.database({ knex }),
      });
      const point = { level: 'bronze' as const, passed: 4, applicable: 9 };
      await store.record(
        ['2025-10-21', '2025-10-22', '2026-11-26'].map(day => ({
          entityRef: 'component:default/shop',
          day,
          ...point,
        })),
      );
      const cleaner = await RetentionCleaner.schedule({
        policy: SCORECARD_RETENTION,
        config: configWith(SCORECARD_RETENTION),
        scheduler: mockServices.scheduler.mock(),
        logger: mockServices.logger.mock(),
        target: store,
        now: () => NOW,
      });
      // 400 days before 2026-11-26 is 2025-10-22: that day is kept.
      await expect(cleaner.runOnce()).resolves.toBe(1);
      expect(
        (await store.history('component:default/shop', '2000-01-01')).map(
          p => p.day,
        ),
      ).toEqual(['2025-10-22', '2026-11-26']);
    } finally {
      await knex.destroy();
    }
  });
});
