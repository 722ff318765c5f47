// @ts-check

/**
 * The sha256 of a runbook's text as it was reviewed, so that an edited
 * runbook no longer counts as reviewed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('runbooks_reviews', table => {
    table
      .string('content_hash', 64)
      .nullable()
      .comment('sha256 of the runbook text the review was made on');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('runbooks_reviews', table => {
    table.dropColumn('content_hash');
  });
};
