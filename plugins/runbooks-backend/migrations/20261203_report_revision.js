// @ts-check

/**
 * The coverage report's revision: one counter that every write changing the
 * report moves (a snapshot stored, an entity removed, a review added), last
 * in the same transaction, so revisions commit in order; and which entities
 * each revision changed, so a replica whose counts are a few revisions old
 * counts those entities again instead of all of them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('runbooks_revisions', table => {
    table.comment('Counters that move with every write of what they name');
    table.string('name', 64).primary().comment('What the counter tracks');
    table
      .bigInteger('revision')
      .notNullable()
      .defaultTo(0)
      .comment('Moves by one with every write');
  });
  await knex('runbooks_revisions').insert({ name: 'report', revision: 0 });
  await knex.schema.createTable('runbooks_report_changes', table => {
    table.comment('The entities each report revision changed (recent ones)');
    table.bigInteger('revision').notNullable();
    table.string('entity_ref', 255).notNullable();
    table.primary(['revision', 'entity_ref']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('runbooks_report_changes');
  await knex.schema.dropTable('runbooks_revisions');
};
