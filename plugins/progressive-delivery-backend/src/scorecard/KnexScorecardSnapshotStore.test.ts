import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { createAuditTestDatabases } from '../audit/__testUtils__/auditTestDatabases';
import {
  KnexScorecardSnapshotStore,
  SCORECARD_SNAPSHOT_TABLE,
  ScorecardSnapshot,
} from './KnexScorecardSnapshotStore';

jest.setTimeout(60_000);

const databases = createAuditTestDatabases();
const MIGRATION = '20261126110000_scorecard_snapshots.js';
const migrationsDir = `${__dirname}/../../migrations`;

const T0 = new Date('2026-11-26T10:00:00.000Z');

async function setup(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  let now = T0;
  const store = await KnexScorecardSnapshotStore.create({
    database: mockServices.database({ knex }),
    now: () => now,
  });
  return {
    knex,
    store,
    setNow: (d: Date) => {
      now = d;
    },
  };
}

function point(overrides: Partial<ScorecardSnapshot> = {}): ScorecardSnapshot {
  return {
    entityRef: 'component:default/checkout',
    day: '2026-11-26',
    level: 'bronze',
    passed: 4,
    applicable: 9,
    ...overrides,
  };
}

describe('KnexScorecardSnapshotStore', () => {
  it.each(databases.eachSupportedId())(
    'keeps one point per entity and day, the last written, %p',
    async databaseId => {
      const { knex, store, setNow } = await setup(databaseId);
      await store.record([point({ day: '2026-11-24', passed: 2 })]);
      await store.record([point({ day: '2026-11-26', passed: 3 })]);
      setNow(new Date('2026-11-26T11:00:00.000Z'));
      await store.record([
        point({ day: '2026-11-26', level: 'silver', passed: 7 }),
      ]);

      expect(
        await store.history('component:default/checkout', '2026-11-20'),
      ).toEqual([
        { day: '2026-11-24', level: 'bronze', passed: 2, applicable: 9 },
        { day: '2026-11-26', level: 'silver', passed: 7, applicable: 9 },
      ]);
      expect(
        await store.history('component:default/checkout', '2026-11-25'),
      ).toEqual([
        { day: '2026-11-26', level: 'silver', passed: 7, applicable: 9 },
      ]);
      const rows = await knex(SCORECARD_SNAPSHOT_TABLE).where({
        day: '2026-11-26',
      });
      expect(rows).toHaveLength(1);
      expect(new Date(rows[0].updated_at).toISOString()).toBe(
        '2026-11-26T11:00:00.000Z',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'matches entity refs without regard to case, %p',
    async databaseId => {
      const { store } = await setup(databaseId);
      await store.record([point({ entityRef: 'Component:default/Checkout' })]);
      expect(
        await store.history('component:default/checkout', '2026-11-26'),
      ).toHaveLength(1);
      expect(
        await store.history('component:default/cart', '2026-11-01'),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'answers the latest point on or before a day per entity, %p',
    async databaseId => {
      const { store } = await setup(databaseId);
      await store.record([
        point({ day: '2026-10-20', passed: 1 }),
        point({ day: '2026-10-27', passed: 2 }),
        point({ day: '2026-10-28', passed: 3 }),
        point({ entityRef: 'component:default/cart', day: '2026-10-27' }),
        point({ entityRef: 'component:default/new', day: '2026-11-20' }),
      ]);
      const values = await store.valuesAt(
        [
          'component:default/checkout',
          'Component:default/Cart',
          'component:default/new',
          'component:default/unknown',
        ],
        '2026-10-27',
      );
      expect([...values.entries()].sort()).toEqual([
        [
          'Component:default/Cart',
          { day: '2026-10-27', level: 'bronze', passed: 4, applicable: 9 },
        ],
        [
          'component:default/checkout',
          { day: '2026-10-27', level: 'bronze', passed: 2, applicable: 9 },
        ],
      ]);
      expect((await store.valuesAt([], '2026-10-27')).size).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'writes and reads more entities than one statement binds, %p',
    async databaseId => {
      const { store } = await setup(databaseId);
      const refs = Array.from(
        { length: 1_100 },
        (_, i) => `component:default/service-${i}`,
      );
      await store.record(
        refs.map((entityRef, i) => point({ entityRef, passed: i % 10 })),
      );
      const values = await store.valuesAt(refs, '2026-11-26');
      expect(values.size).toBe(1_100);
      expect(values.get('component:default/service-1057')?.passed).toBe(7);
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes the points of the days before the cutoff, %p',
    async databaseId => {
      const { store } = await setup(databaseId);
      await store.record([
        point({ day: '2026-01-01' }),
        point({ day: '2026-05-31' }),
        point({ day: '2026-06-01' }),
      ]);
      // Any time on 2026-06-01 keeps that day's point.
      await expect(
        store.deleteOlderThan(new Date('2026-06-01T23:59:00.000Z')),
      ).resolves.toBe(2);
      expect(
        (await store.history('component:default/checkout', '2000-01-01')).map(
          p => p.day,
        ),
      ).toEqual(['2026-06-01']);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses malformed points and days, writing nothing, %p',
    async databaseId => {
      const { store } = await setup(databaseId);
      await expect(
        store.record([point(), point({ day: '26-11-2026' })]),
      ).rejects.toThrow(/day/);
      await expect(
        store.record([point({ level: 'platinum' as any })]),
      ).rejects.toThrow(/level/);
      await expect(store.record([point({ passed: -1 })])).rejects.toThrow(
        /passed/,
      );
      await expect(store.record([point({ applicable: 1.5 })])).rejects.toThrow(
        /applicable/,
      );
      await expect(
        store.history('component:default/checkout', "2026-01-01' or 1=1"),
      ).rejects.toThrow(/day/);
      await expect(store.deleteOlderThan(new Date('nope'))).rejects.toThrow(
        /cutoff/,
      );
      expect(
        await store.history('component:default/checkout', '2000-01-01'),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    `${MIGRATION} down and up again, %p`,
    async databaseId => {
      const { knex } = await setup(databaseId);
      expect(await knex.schema.hasTable(SCORECARD_SNAPSHOT_TABLE)).toBe(true);
      // The primary key refuses a second row for the same entity and day.
      const row = {
        entity_ref: 'component:default/a',
        day: '2026-11-26',
        level: 'gold',
        passed: 10,
        applicable: 10,
        updated_at: T0,
      };
      await knex(SCORECARD_SNAPSHOT_TABLE).insert(row);
      await expect(
        knex(SCORECARD_SNAPSHOT_TABLE).insert(row),
      ).rejects.toMatchObject({ message: expect.stringMatching(/\S/) });

      await knex.migrate.down({ directory: migrationsDir, name: MIGRATION });
      expect(await knex.schema.hasTable(SCORECARD_SNAPSHOT_TABLE)).toBe(false);
      expect(await knex.schema.hasTable('audit_entries')).toBe(true);
      await knex.migrate.up({ directory: migrationsDir, name: MIGRATION });
      expect(await knex.schema.hasTable(SCORECARD_SNAPSHOT_TABLE)).toBe(true);
    },
  );
});
