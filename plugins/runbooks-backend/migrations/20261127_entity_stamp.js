// @ts-check

/**
 * A token that changes on every write of an entity's row (refresh, or a
 * source flagged unreachable), so replicas can tell whether what they keep
 * in memory for the entity is still current with one indexed read.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('runbooks_entities', table => {
    table
      .string('stamp', 64)
      .nullable()
      .comment('Changes on every write of the row');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('runbooks_entities', table => {
    table.dropColumn('stamp');
  });
};
