// @ts-check

/**
 * Refreshes replace an entity's alert rows by entity_ref: without this index
 * every refresh of one entity scanned the whole alert table, so a full
 * refresh grew with the square of the number of entities.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('runbooks_alerts', table => {
    table.index(['entity_ref'], 'runbooks_alerts_entity_ref_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('runbooks_alerts', table => {
    table.dropIndex(['entity_ref'], 'runbooks_alerts_entity_ref_idx');
  });
};
