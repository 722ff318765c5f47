import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { RunbooksConfig } from '../config';
import { presentRunbook } from './presentRunbook';
import { RunbooksStore } from './RunbooksStore';

/**
 * Tells the owning group when one of its runbooks turns stale: one
 * notification per runbook and due date, whichever replica gets there first.
 */
export class StaleNotifier {
  constructor(
    private readonly deps: {
      store: RunbooksStore;
      notifications: NotificationService;
      logger: LoggerService;
      config: Pick<
        RunbooksConfig,
        'reviewInterval' | 'reviewIntervalText' | 'dueSoonWindow'
      >;
      now?: () => Date;
    },
  ) {}

  async notifyStaleRunbooks(): Promise<{ sent: number; failed: number }> {
    const { store, notifications, logger, config } = this.deps;
    const now = this.deps.now?.() ?? new Date();
    const [entities, reviews] = await Promise.all([
      store.listEntities(),
      store.latestReviewsOfAll(),
    ]);
    let sent = 0;
    let failed = 0;
    for (const entity of entities) {
      if (!entity.owner) continue;
      for (const stored of entity.runbooks) {
        const runbook = presentRunbook({
          config,
          ref: parseEntityRef(entity.entityRef),
          entity,
          runbook: stored,
          review: reviews.get(`${entity.entityRef}|${stored.id}`),
          now,
        });
        if (runbook.status !== 'stale' || !runbook.nextReview) continue;
        const due = runbook.nextReview;
        if (
          !(await store.claimStaleNotification(
            entity.entityRef,
            runbook.id,
            due,
          ))
        ) {
          continue;
        }
        try {
          await notifications.send({
            recipients: { type: 'entity', entityRef: entity.owner },
            payload: {
              title: `Runbook overdue for review: ${runbook.title} (${entity.entityTitle})`,
              description: `It was due on ${due.slice(
                0,
                10,
              )}. Re-read it, fix what is out of date, then use "Mark as reviewed".`,
              link: runbook.viewUrl,
              severity: 'normal',
              topic: 'runbooks-review',
              scope: `runbooks:${entity.entityRef}:${runbook.id}:${due}`,
            },
          });
          sent++;
        } catch (error) {
          failed++;
          await store.releaseStaleNotification(
            entity.entityRef,
            runbook.id,
            due,
          );
          logger.warn(
            `Could not notify ${entity.owner} that ${entity.entityRef} runbook ${runbook.id} is stale: ${error}`,
          );
        }
      }
    }
    return { sent, failed };
  }
}
