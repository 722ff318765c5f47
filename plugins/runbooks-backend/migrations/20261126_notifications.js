// @ts-check

/**
 * Which "runbook overdue" notifications were sent, one per runbook and due
 * date, so that replicas and repeated runs never send one twice.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('runbooks_stale_notifications', table => {
    table.comment('Stale-runbook notifications already sent');
    table.string('entity_ref', 255).notNullable();
    table.string('runbook_id', 255).notNullable();
    table.string('due', 32).notNullable();
    table.string('sent_at', 32).notNullable();
    table.primary(['entity_ref', 'runbook_id', 'due']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('runbooks_stale_notifications');
};
