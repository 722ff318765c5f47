// @ts-check

/**
 * One counter that every write changing the coverage report moves (a
 * snapshot stored, an entity removed, a review added), in the same
 * transaction: replicas tell whether their report counts are current with
 * one primary-key read, however many entities are stored.
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
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('runbooks_revisions');
};
