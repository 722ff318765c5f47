// @ts-check

/**
 * Reviews recorded in the portal ("Mark as reviewed"). Kept apart from the
 * refreshed data, without a foreign key, so that no refresh, rename of a
 * source or temporary removal from the catalog ever loses one.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('runbooks_reviews', table => {
    table.comment('Reviews of runbooks recorded in the portal');
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('runbook_id', 255).notNullable();
    table.string('reviewer', 255).notNullable();
    table.string('reviewed_at', 32).notNullable();
    table.text('note').nullable();
    table.index(['entity_ref', 'runbook_id'], 'runbooks_reviews_runbook_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('runbooks_reviews');
};
