// @ts-check

/**
 * What the coverage report filters, sorts and counts in SQL instead of
 * reading every runbook: the entity's title and owner, and each runbook's
 * due date (portal reviews included) and whether it is missing. Existing
 * entities are read again in full at the next refresh, which fills them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('runbooks_entities', table => {
    table.text('title').nullable().comment("The entity's title, else its name");
    table.text('owner').nullable().comment("The entity's spec.owner ref");
    table.index(['owner'], 'runbooks_entities_owner_idx');
  });
  await knex.schema.alterTable('runbooks_documents', table => {
    table
      .string('due_at', 32)
      .nullable()
      .comment(
        'ISO time the runbook is due for review; null when never reviewed',
      );
    table
      .boolean('missing')
      .notNullable()
      .defaultTo(false)
      .comment('Named by the index but not found');
  });
  await knex('runbooks_entities').update({ source_hash: null });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('runbooks_documents', table => {
    table.dropColumn('due_at');
    table.dropColumn('missing');
  });
  await knex.schema.alterTable('runbooks_entities', table => {
    table.dropIndex(['owner'], 'runbooks_entities_owner_idx');
    table.dropColumn('title');
    table.dropColumn('owner');
  });
};
