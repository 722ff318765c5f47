// @ts-check

/**
 * A hash of everything an entity's snapshot is built from (its annotations,
 * title, owner and the files read), so a refresh can tell that nothing
 * changed and skip parsing and rewriting the entity.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('runbooks_entities', table => {
    table
      .string('source_hash', 64)
      .nullable()
      .comment('sha256 of what the last snapshot was built from');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('runbooks_entities', table => {
    table.dropColumn('source_hash');
  });
};
