import { createAuditTestDatabases } from '../audit/__testUtils__/auditTestDatabases';

const migrationsDir = `${__dirname}/../../migrations`;
const MIGRATION = '20261126100000_rollout_history.js';

jest.setTimeout(60_000);

describe(`migration ${MIGRATION}`, () => {
  const databases = createAuditTestDatabases();

  it.each(databases.eachSupportedId())(
    'creates rollout_events with a dedup key, and drops it again, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });

      for (const column of [
        'id',
        'cluster',
        'namespace',
        'name',
        'rollout_uid',
        'revision',
        'pod_hash',
        'type',
        'phase',
        'detail',
        'event_key',
        'occurred_at',
      ]) {
        expect(await knex.schema.hasColumn('rollout_events', column)).toBe(
          true,
        );
      }
      const occurredAt = new Date('2026-11-26T12:34:56.789Z');
      const row = {
        cluster: 'prod',
        namespace: 'shop',
        name: 'checkout',
        rollout_uid: 'uid-1',
        type: 'started',
        event_key: 'started:4:abc',
        occurred_at: occurredAt,
      };
      await knex('rollout_events').insert(row);
      // (`rejects.toThrow()` does not recognise better-sqlite3's SqliteError as an error.)
      await expect(knex('rollout_events').insert(row)).rejects.toMatchObject({
        message: expect.stringMatching(/unique|duplicate/i),
      });
      await knex('rollout_events')
        .insert({ ...row, occurred_at: new Date() })
        .onConflict(['cluster', 'rollout_uid', 'event_key'])
        .ignore();
      await knex('rollout_events').insert({ ...row, rollout_uid: 'uid-2' });

      const rows = await knex('rollout_events').orderBy('id');
      expect(rows).toHaveLength(2);
      expect(new Date(rows[0].occurred_at).toISOString()).toBe(
        occurredAt.toISOString(),
      );
      expect(rows[0]).toMatchObject({
        revision: 0,
        pod_hash: '',
        phase: null,
        detail: null,
      });
      await expect(
        knex('rollout_events').insert({ cluster: 'prod' }),
      ).rejects.toMatchObject({ message: expect.stringMatching(/null/i) });

      await knex.migrate.down({ directory: migrationsDir, name: MIGRATION });
      expect(await knex.schema.hasTable('rollout_events')).toBe(false);
      expect(await knex.schema.hasTable('audit_entries')).toBe(true);
    },
  );
});
