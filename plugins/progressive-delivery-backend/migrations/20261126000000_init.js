// @ts-check

/**
 * The audit log of rollout actions (DESIGN §4.5): one append-only row per action attempt.
 *
 * - `id`: auto-increment (bigint on PostgreSQL); the API exposes it as a decimal string and
 *   uses it to break ties between rows with the same `created_at`.
 * - timestamps: UTC, millisecond precision (`timestamptz(3)` on PostgreSQL; epoch milliseconds
 *   in SQLite, which is how Knex binds a Date there).
 * - `state_before` / `state_after`: JSON (`{ status, step, revision }`) stored as text for
 *   portability.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('audit_entries', table => {
    table.comment('Rollout action attempts: one append-only row per attempt');
    table.bigIncrements('id').comment('Auto-increment primary key');
    table
      .timestamp('created_at', { useTz: true, precision: 3 })
      .notNullable()
      .comment('When the attempt was recorded (UTC)');
    table
      .timestamp('completed_at', { useTz: true, precision: 3 })
      .nullable()
      .comment('When the outcome became final; null while initiated');
    table
      .string('actor_ref', 255)
      .notNullable()
      .comment('Who: entity ref of the user or service');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Catalog entity the action was requested under, lowercased');
    table.string('cluster', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('rollout', 255).notNullable();
    table.string('action', 64).notNullable();
    table.text('reason').nullable();
    table
      .integer('requested_revision')
      .nullable()
      .comment('Target revision of a rollback');
    table
      .text('state_before')
      .nullable()
      .comment('JSON { status, step, revision }');
    table
      .text('state_after')
      .nullable()
      .comment('JSON { status, step, revision }');
    table
      .string('outcome', 16)
      .notNullable()
      .comment(
        'initiated | succeeded | failed | unknown | denied | conflict | invalid | not-found',
      );
    table.text('error_message').nullable();

    table.index(
      ['entity_ref', 'created_at', 'id'],
      'audit_entries_entity_created_idx',
    );
    table.index(['created_at', 'id'], 'audit_entries_created_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_entries');
};
