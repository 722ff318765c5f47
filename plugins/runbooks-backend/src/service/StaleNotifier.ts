import { createHash } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { RunbooksConfig } from '../config';
import { presentRunbook } from './presentRunbook';
import {
  NotificationClaimStore,
  ReviewStore,
  SnapshotStore,
  StaleNotificationKey,
} from '../database/RunbooksStore';

/** How many runbooks a grouped notification names before "and N more". */
const LISTED_RUNBOOKS = 10;

/** The portal's coverage page, filtered to stale runbooks. */
const COVERAGE_PATH = '/runbooks';

/** What one run of the notifier did. */
export type StaleNotificationResult = {
  /** Notifications sent: one per owning group with newly stale runbooks. */
  sent: number;
  /** Notifications that could not be sent; their runbooks are retried at the next run. */
  failed: number;
  /** Runbooks named by the notifications sent. */
  runbooks: number;
  /** Runbooks of the notifications that could not be sent. */
  failedRunbooks: number;
};

/** A stale runbook waiting to be claimed and announced. */
type StaleRunbook = {
  entityRef: string;
  runbookId: string;
  due: string;
  title: string;
  entityTitle: string;
  viewUrl: string;
};

function keyOf(key: StaleNotificationKey): string {
  return `${key.entityRef}|${key.runbookId}|${key.due}`;
}

/** The stale runbooks of one owning group. */
type OwnerGroup = {
  /** The owner as a full entity ref, e.g. `group:default/payments-team`. */
  recipient: string;
  /**
   * The owner as the entities write it (`spec.owner`), which the coverage
   * page filters on; undefined when the group's entities spell it differently.
   */
  ownerFilter: string | undefined;
  runbooks: StaleRunbook[];
};

/**
 * Tells the owning group when its runbooks turn stale: one notification per
 * group and run, listing the runbooks that turned stale since the last one.
 * Each runbook is announced once per due date, whichever replica gets there
 * first: claims are taken per runbook, and given back when the send fails.
 */
export class StaleNotifier {
  constructor(
    private readonly deps: {
      store: Pick<SnapshotStore, 'listEntities'> &
        Pick<ReviewStore, 'latestReviewsOfAll'> &
        NotificationClaimStore;
      notifications: NotificationService;
      logger: LoggerService;
      config: Pick<
        RunbooksConfig,
        'reviewInterval' | 'reviewIntervalText' | 'dueSoonWindow'
      >;
      now?: () => Date;
    },
  ) {}

  async notifyStaleRunbooks(): Promise<StaleNotificationResult> {
    const result: StaleNotificationResult = {
      sent: 0,
      failed: 0,
      runbooks: 0,
      failedRunbooks: 0,
    };
    const groups = await this.findStaleRunbooks();
    const owners = [...groups.keys()].sort();
    for (const owner of owners) {
      const group = groups.get(owner)!;
      // Let the group's list go once it is handled.
      groups.delete(owner);
      const claimed = await this.claim(group.runbooks);
      if (!claimed.length) continue;
      if (await this.send(group, claimed)) {
        result.sent++;
        result.runbooks += claimed.length;
      } else {
        result.failed++;
        result.failedRunbooks += claimed.length;
      }
    }
    return result;
  }

  /**
   * The stale runbooks of every owned entity, by owner. Only the few fields a
   * notification needs are kept, and only for stale runbooks.
   */
  private async findStaleRunbooks(): Promise<Map<string, OwnerGroup>> {
    const { store, logger, config } = this.deps;
    const now = this.deps.now?.() ?? new Date();
    const [entities, reviews] = await Promise.all([
      store.listEntities(),
      store.latestReviewsOfAll(),
    ]);
    const groups = new Map<string, OwnerGroup>();
    for (const entity of entities) {
      if (!entity.owner) continue;
      const ref = parseEntityRef(entity.entityRef);
      let recipient: string;
      try {
        // As the catalog reads `spec.owner`: a group in the entity's namespace unless it says otherwise.
        recipient = stringifyEntityRef(
          parseEntityRef(entity.owner, {
            defaultKind: 'group',
            defaultNamespace: ref.namespace,
          }),
        );
      } catch {
        logger.warn(
          `Cannot notify the owner of ${entity.entityRef} about stale runbooks: invalid owner ${entity.owner}`,
        );
        continue;
      }
      for (const stored of entity.runbooks) {
        const runbook = presentRunbook({
          config,
          ref,
          entity,
          runbook: stored,
          review: reviews.get(`${entity.entityRef}|${stored.id}`),
          now,
        });
        if (runbook.status !== 'stale' || !runbook.nextReview) continue;
        let group = groups.get(recipient);
        if (!group) {
          group = { recipient, ownerFilter: entity.owner, runbooks: [] };
          groups.set(recipient, group);
        } else if (group.ownerFilter !== entity.owner) {
          group.ownerFilter = undefined;
        }
        group.runbooks.push({
          entityRef: entity.entityRef,
          runbookId: runbook.id,
          due: runbook.nextReview,
          title: runbook.title,
          entityTitle: entity.entityTitle,
          viewUrl: runbook.viewUrl,
        });
      }
    }
    return groups;
  }

  /** The runbooks whose notification for their due date nobody has sent yet. */
  private async claim(runbooks: StaleRunbook[]): Promise<StaleRunbook[]> {
    const claimed = new Set(
      (await this.deps.store.claimStaleNotifications(runbooks)).map(keyOf),
    );
    return runbooks.filter(runbook => claimed.has(keyOf(runbook)));
  }

  /** Sends the group's notification; on failure gives every claim back. */
  private async send(
    group: OwnerGroup,
    claimed: StaleRunbook[],
  ): Promise<boolean> {
    const { store, notifications, logger } = this.deps;
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: group.recipient },
        payload: payloadOf(group, claimed),
      });
      return true;
    } catch (error) {
      await store.releaseStaleNotifications(claimed);
      logger.warn(
        `Could not notify ${group.recipient} that ${claimed.length} runbook(s) are stale, retrying at the next run: ${error}`,
      );
      return false;
    }
  }
}

function payloadOf(
  group: OwnerGroup,
  runbooks: StaleRunbook[],
): NotificationPayload {
  const common = {
    severity: 'normal',
    topic: 'runbooks-review',
  } as const;
  if (runbooks.length === 1) {
    const [runbook] = runbooks;
    return {
      ...common,
      title: `Runbook overdue for review: ${runbook.title} (${runbook.entityTitle})`,
      description: `It was due on ${day(
        runbook.due,
      )}. Re-read it, fix what is out of date, then use "Mark as reviewed".`,
      link: runbook.viewUrl,
      scope: `runbooks:${runbook.entityRef}:${runbook.runbookId}:${runbook.due}`,
    };
  }
  // Most overdue first.
  const sorted = [...runbooks].sort(
    (a, b) =>
      compare(a.due, b.due) ||
      compare(a.entityTitle, b.entityTitle) ||
      compare(a.title, b.title),
  );
  const listed = sorted
    .slice(0, LISTED_RUNBOOKS)
    .map(r => `${r.title} (${r.entityTitle}, due ${day(r.due)})`)
    .join('; ');
  const more =
    sorted.length > LISTED_RUNBOOKS
      ? ` and ${sorted.length - LISTED_RUNBOOKS} more`
      : '';
  const query = new URLSearchParams({ status: 'stale' });
  if (group.ownerFilter) query.set('owner', group.ownerFilter);
  return {
    ...common,
    title: `${runbooks.length} runbooks overdue for review`,
    description: `${listed}${more}. Re-read them, fix what is out of date, then use "Mark as reviewed".`,
    link: `${COVERAGE_PATH}?${query}`,
    // Notifications with the same scope replace each other for a user: one
    // scope per owner and set of runbooks, so a later run's list never
    // overwrites an earlier one.
    scope: `runbooks-stale:${group.recipient}:${keysHash(sorted)}`,
  };
}

/** A short hash of the runbooks' claim keys, in a stable order. */
function keysHash(runbooks: StaleRunbook[]): string {
  const hash = createHash('sha256');
  const keys = runbooks
    .map(r => `${r.entityRef}|${r.runbookId}|${r.due}`)
    .sort();
  for (const key of keys) hash.update(`${key}\n`);
  return hash.digest('hex').slice(0, 16);
}

function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}
