// @ts-check

/**
 * The alert lookup index: one row per alert an entity answers (or defines in
 * its rule files without a runbook), so `GET /alerts/:name` is an indexed
 * lookup rather than a scan of every entity.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('runbooks_alerts', table => {
    table.comment('Alerts answered or defined by each entity');
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('alert', 512).notNullable();
    table
      .string('alert_key', 512)
      .notNullable()
      .comment('Lower-cased alert name, or * for glob patterns');
    table.string('pattern', 512).nullable().comment('The glob, for * mappings');
    table.string('runbook_id', 255).nullable();
    table.string('anchor', 255).nullable();
    table.string('source', 32).nullable();
    table
      .text('rule')
      .nullable()
      .comment('JSON: severity, labels, file of the defining rule');
    table.index(['alert_key'], 'runbooks_alerts_alert_key_idx');
    table
      .foreign('entity_ref')
      .references('entity_ref')
      .inTable('runbooks_entities')
      .onDelete('CASCADE');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('runbooks_alerts');
};
