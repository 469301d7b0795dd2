// @ts-check

/**
 * The rollout history behind the scorecard's outcome metrics: one append-only row per
 * transition the backend saw in a cluster (a revision started, completed or was aborted, an
 * AnalysisRun finished, a person intervened).
 *
 * - `event_key`: what identifies the transition whoever saw it (e.g. `started:4:6d4f8b`); with
 *   `cluster` and `rollout_uid` it is unique, so backend replicas that watch the same cluster
 *   store each transition once (insert ... on conflict do nothing). The key columns are all
 *   NOT NULL: NULLs never collide in a unique index.
 * - `occurred_at`: when the backend saw it (UTC, millisecond precision; epoch milliseconds in
 *   SQLite, as Knex binds a Date there).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rollout_events', table => {
    table.comment('Rollout transitions seen by the backend, one row each');
    table.bigIncrements('id').comment('Auto-increment primary key');
    table.string('cluster', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable().comment('Rollout name');
    table
      .string('rollout_uid', 128)
      .notNullable()
      .comment('metadata.uid of the Rollout');
    table
      .integer('revision')
      .notNullable()
      .defaultTo(0)
      .comment('rollout.argoproj.io/revision; 0 when unknown');
    table
      .string('pod_hash', 64)
      .notNullable()
      .defaultTo('')
      .comment('Pod-template hash of the revision (status.currentPodHash)');
    table
      .string('type', 32)
      .notNullable()
      .comment(
        'started | completed | aborted | analysis-finished | manual-<action>',
      );
    table
      .string('phase', 32)
      .nullable()
      .comment('AnalysisRun phase, or the rollout status at the time');
    table
      .string('detail', 255)
      .nullable()
      .comment('Abort cause, AnalysisRun name, ...');
    table
      .string('event_key', 255)
      .notNullable()
      .comment('Identity of the transition, the same on every replica');
    table
      .timestamp('occurred_at', { useTz: true, precision: 3 })
      .notNullable()
      .comment('When the transition was seen (UTC)');

    table.unique(['cluster', 'rollout_uid', 'event_key'], {
      indexName: 'rollout_events_dedup_idx',
    });
    table.index(
      ['cluster', 'namespace', 'name', 'occurred_at'],
      'rollout_events_rollout_time_idx',
    );
    table.index(['occurred_at'], 'rollout_events_occurred_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rollout_events');
};
