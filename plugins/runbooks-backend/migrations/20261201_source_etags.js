// @ts-check

/**
 * The `etag` each remote location of an entity answered when its snapshot
 * was built (a commit SHA, an HTTP ETag), so the next refresh can ask the
 * source whether anything changed instead of downloading it again.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('runbooks_entities', table => {
    table
      .text('source_etags')
      .nullable()
      .comment('JSON object: location key -> etag of the last read');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('runbooks_entities', table => {
    table.dropColumn('source_etags');
  });
};
