// @ts-check

/**
 * The history of each entity's progressive-delivery scorecard: one point per entity and UTC day,
 * overwritten by every computation of that day (so a day holds its last score).
 *
 * - `day`: `YYYY-MM-DD` (UTC) as text, which sorts and compares like the date on every engine.
 * - `level`: none | bronze | silver | gold.
 * - `passed` / `applicable`: checks that pass / checks that are not `n/a`.
 * - `updated_at`: when the point was last written (UTC, millisecond precision; epoch
 *   milliseconds in SQLite, as Knex binds a Date there).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_snapshots', table => {
    table.comment('Scorecard of each entity, one point per UTC day');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Catalog entity ref, lowercased');
    table.string('day', 10).notNullable().comment('UTC day, YYYY-MM-DD');
    table
      .string('level', 16)
      .notNullable()
      .comment('none | bronze | silver | gold');
    table.integer('passed').notNullable().comment('Checks that pass');
    table
      .integer('applicable')
      .notNullable()
      .comment('Checks that are not n/a');
    table
      .timestamp('updated_at', { useTz: true, precision: 3 })
      .notNullable()
      .comment('When the point was last written (UTC)');
    table.primary(['entity_ref', 'day'], 'scorecard_snapshots_pkey');
    // Retention deletes by day across entities.
    table.index(['day'], 'scorecard_snapshots_day_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_snapshots');
};
