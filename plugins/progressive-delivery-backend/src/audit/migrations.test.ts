import fs from 'node:fs';
import { Knex } from 'knex';
import { createAuditTestDatabases } from './__testUtils__/auditTestDatabases';

const migrationsDir = `${__dirname}/../../migrations`;
const migrationsFiles = fs.readdirSync(migrationsDir).sort();

async function migrateUpOnce(knex: Knex): Promise<void> {
  await knex.migrate.up({ directory: migrationsDir });
}

async function migrateDownOnce(knex: Knex): Promise<void> {
  await knex.migrate.down({ directory: migrationsDir });
}

async function migrateUntilBefore(knex: Knex, target: string): Promise<void> {
  const index = migrationsFiles.indexOf(target);
  if (index === -1) {
    throw new Error(`Migration ${target} not found`);
  }
  for (let i = 0; i < index; i++) {
    await migrateUpOnce(knex);
  }
}

jest.setTimeout(60_000);

describe('migrations', () => {
  const databases = createAuditTestDatabases();

  it('starts with the init migration; every migration is JavaScript', () => {
    expect(migrationsFiles[0]).toBe('20261126000000_init.js');
    expect(migrationsFiles.every(f => /^\d{14}_[a-z_]+\.js$/.test(f))).toBe(
      true,
    );
  });

  it.each(databases.eachSupportedId())(
    '20261126000000_init.js up and down, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await migrateUntilBefore(knex, '20261126000000_init.js');
      await migrateUpOnce(knex);

      expect(await knex.schema.hasTable('audit_entries')).toBe(true);
      for (const column of [
        'id',
        'created_at',
        'completed_at',
        'actor_ref',
        'entity_ref',
        'cluster',
        'namespace',
        'rollout',
        'action',
        'reason',
        'requested_revision',
        'state_before',
        'state_after',
        'outcome',
        'error_message',
      ]) {
        expect(await knex.schema.hasColumn('audit_entries', column)).toBe(true);
      }

      const createdAt = new Date('2026-11-26T12:34:56.789Z');
      await knex('audit_entries').insert([
        {
          created_at: createdAt,
          actor_ref: 'user:default/jane',
          entity_ref: 'component:default/checkout',
          cluster: 'prod',
          namespace: 'shop',
          rollout: 'checkout',
          action: 'promote',
          state_before: JSON.stringify({
            status: 'Paused',
            step: 1,
            revision: 2,
          }),
          outcome: 'initiated',
        },
        {
          created_at: createdAt,
          actor_ref: 'user:default/jane',
          entity_ref: 'component:default/checkout',
          cluster: 'prod',
          namespace: 'shop',
          rollout: 'checkout',
          action: 'abort',
          outcome: 'denied',
        },
      ]);
      const rows = await knex('audit_entries').orderBy('id');
      expect(rows).toHaveLength(2);
      expect(Number(rows[1].id)).toBeGreaterThan(Number(rows[0].id));
      expect(new Date(rows[0].created_at).toISOString()).toBe(
        createdAt.toISOString(),
      );
      expect(rows[0]).toMatchObject({
        completed_at: null,
        reason: null,
        requested_revision: null,
        state_after: null,
        error_message: null,
      });

      // Nullability: the "who / where / what / outcome" columns are required.
      // (`rejects.toThrow()` does not recognise better-sqlite3's SqliteError as an error.)
      await expect(
        knex('audit_entries').insert({ created_at: createdAt }),
      ).rejects.toMatchObject({ message: expect.stringMatching(/null/i) });

      await migrateDownOnce(knex);
      expect(await knex.schema.hasTable('audit_entries')).toBe(false);

      // And up again from scratch.
      await migrateUpOnce(knex);
      expect(await knex.schema.hasTable('audit_entries')).toBe(true);
      expect(await knex('audit_entries').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);
    },
  );
});
