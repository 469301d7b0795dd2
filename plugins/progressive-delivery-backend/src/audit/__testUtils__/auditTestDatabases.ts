import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

/** `POSTGRES_15` -> `BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING` (backend-test-utils). */
export function connectionStringVariable(id: TestDatabaseId): string {
  return `BACKSTAGE_TEST_DATABASE_${id.replace('_', '')}_CONNECTION_STRING`;
}

/**
 * SQLite always, plus every PostgreSQL whose connection string is set (see
 * `scripts/postgres.sh env`). Docker is never used. With `PD_REQUIRE_POSTGRES=1` and no
 * PostgreSQL configured this throws, so the suite fails instead of silently skipping it.
 */
export function auditTestDatabaseIds(
  env: NodeJS.ProcessEnv = process.env,
): TestDatabaseId[] {
  const postgres = POSTGRES_IDS.filter(id => env[connectionStringVariable(id)]);
  if (env.PD_REQUIRE_POSTGRES === '1' && postgres.length === 0) {
    throw new Error(
      'PD_REQUIRE_POSTGRES=1 but no BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING is set; ' +
        'run `scripts/postgres.sh start && eval "$(scripts/postgres.sh env)"`',
    );
  }
  return ['SQLITE_3', ...postgres];
}

/** TestDatabases for the audit tests (no Docker: only the configured engines). */
export function createAuditTestDatabases(): TestDatabases {
  return TestDatabases.create({
    ids: auditTestDatabaseIds(),
    disableDocker: true,
  });
}
