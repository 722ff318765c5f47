import { Knex } from 'knex';
import { NotificationClaimStore, StaleNotificationKey } from './RunbooksStore';
import { INSERT_CHUNK } from './rows';

/** Claims on stale notifications in `runbooks_stale_notifications`, unique per runbook and due date. */
export class DatabaseNotificationClaimStore implements NotificationClaimStore {
  constructor(private readonly db: Knex) {}

  async claimStaleNotifications(
    keys: StaleNotificationKey[],
  ): Promise<StaleNotificationKey[]> {
    const claimed: StaleNotificationKey[] = [];
    const sentAt = new Date().toISOString();
    for (let i = 0; i < keys.length; i += INSERT_CHUNK) {
      const rows: Array<{
        entity_ref: string;
        runbook_id: string;
        due: string;
      }> = await this.db('runbooks_stale_notifications')
        .insert(
          keys.slice(i, i + INSERT_CHUNK).map(key => ({
            entity_ref: key.entityRef,
            runbook_id: key.runbookId,
            due: key.due,
            sent_at: sentAt,
          })),
        )
        .onConflict(['entity_ref', 'runbook_id', 'due'])
        .ignore()
        .returning(['entity_ref', 'runbook_id', 'due']);
      for (const row of rows) {
        claimed.push({
          entityRef: row.entity_ref,
          runbookId: row.runbook_id,
          due: row.due,
        });
      }
    }
    return claimed;
  }

  async releaseStaleNotifications(keys: StaleNotificationKey[]): Promise<void> {
    await this.db.transaction(async tx => {
      for (const key of keys) {
        await tx('runbooks_stale_notifications')
          .where({
            entity_ref: key.entityRef,
            runbook_id: key.runbookId,
            due: key.due,
          })
          .delete();
      }
    });
  }
}
