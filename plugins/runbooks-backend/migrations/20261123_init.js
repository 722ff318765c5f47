// @ts-check

/**
 * Runbooks read from each entity's sources, and the entity-level results of
 * the last refresh (problems, alert mappings, escalation) as JSON.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('runbooks_entities', table => {
    table.comment('The last refresh of each entity with runbooks');
    table.string('entity_ref', 255).primary().notNullable();
    table.string('refreshed_at', 32).notNullable();
    table
      .text('data')
      .notNullable()
      .comment(
        'JSON: problems, alerts, escalation, severities, review interval',
      );
  });
  await knex.schema.createTable('runbooks_documents', table => {
    table.comment('One row per runbook of an entity');
    table.string('entity_ref', 255).notNullable();
    table.string('runbook_id', 255).notNullable();
    table
      .integer('position')
      .notNullable()
      .comment('Order of the runbook in its entity');
    table
      .text('summary')
      .notNullable()
      .comment('JSON: the runbook without its markdown');
    table.text('markdown').notNullable();
    table.text('headings').notNullable().comment('JSON: headings with anchors');
    table.primary(['entity_ref', 'runbook_id']);
    table
      .foreign('entity_ref')
      .references('entity_ref')
      .inTable('runbooks_entities')
      .onDelete('CASCADE');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('runbooks_documents');
  await knex.schema.dropTable('runbooks_entities');
};
