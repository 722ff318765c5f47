import {
  AlertIndexRow,
  EntitySnapshot,
  EntitySummary,
  RunbookReview,
  StoredRunbook,
} from '../service/types';

/** One runbook's stale notification for one due date. */
export type StaleNotificationKey = {
  entityRef: string;
  runbookId: string;
  due: string;
};

/**
 * What the refresher writes and the read model reads: each entity's last
 * snapshot of its runbooks, and the alert index built from it.
 */
export interface SnapshotStore {
  /** Replaces everything stored for the snapshot's entity, atomically. */
  saveSnapshot(snapshot: EntitySnapshot): Promise<void>;
  /**
   * `saveSnapshot` for many entities in one transaction, with the hash of
   * what each snapshot was built from (see `getSourceHashes`).
   */
  saveSnapshots(
    snapshots: EntitySnapshot[],
    sourceHashes?: Map<string, string>,
    /** Per entity: the etag each remote location answered, by location key. */
    sourceEtags?: Map<string, Record<string, string>>,
  ): Promise<void>;
  /**
   * The source hashes stored with these entities' snapshots; none for an
   * entity whose source was flagged unreachable since.
   */
  getSourceHashes(entityRefs: string[]): Promise<Map<string, string>>;
  /**
   * `getSourceHashes` with the etags stored alongside (see `saveSnapshots`):
   * what a refresh needs to ask sources whether they changed.
   */
  getSourceStates(
    entityRefs: string[],
  ): Promise<Map<string, { hash: string; etags: Record<string, string> }>>;
  /** Records that these entities' sources were read again and had not changed. */
  markRefreshed(entityRefs: string[], refreshedAt: string): Promise<void>;
  /** Flags an entity whose sources failed, keeping its last good runbooks. */
  markSourceUnreachable(
    entityRef: string,
    state: { since: string; message: string },
  ): Promise<void>;
  /** Forgets entities, e.g. ones that left the catalog. */
  deleteEntities(entityRefs: string[]): Promise<void>;
  /** The entity's last snapshot without markdown bodies, if it was ever refreshed. */
  getEntity(entityRef: string): Promise<EntitySummary | undefined>;
  /**
   * What changes when the entity is written (`entity`: a refresh, a source
   * flagged unreachable) or reviewed (`reviews`: the newest review's id):
   * one indexed read, to tell whether an answer kept in memory is current.
   */
  getEntityVersion(
    entityRef: string,
  ): Promise<{ entity: string; reviews: number } | undefined>;
  /** One runbook with its markdown. */
  getRunbook(
    entityRef: string,
    runbookId: string,
  ): Promise<StoredRunbook | undefined>;
  /**
   * Runbooks of all entities with their markdown, a page at a time, in
   * (entityRef, runbookId) order; pass the last item's keys as `after`.
   */
  listRunbooks(options: {
    after?: { entityRef: string; runbookId: string };
    limit: number;
  }): Promise<Array<{ entityRef: string; runbook: StoredRunbook }>>;
  /** Every stored entity without markdown bodies, for reports. */
  listEntities(): Promise<EntitySummary[]>;
  /** Every stored entity ref. */
  listEntityRefs(): Promise<string[]>;
  /**
   * Alert index rows for an alert name (any case), plus every glob pattern
   * row; the caller matches the patterns.
   */
  findAlert(alert: string): Promise<AlertIndexRow[]>;
}

/** Review records made in the portal, kept across refreshes. */
export interface ReviewStore {
  /** Records a review; reviews are never deleted by refreshes. */
  addReview(
    entityRef: string,
    runbookId: string,
    review: RunbookReview,
  ): Promise<void>;
  /** A runbook's reviews, newest first. */
  listReviews(entityRef: string, runbookId: string): Promise<RunbookReview[]>;
  /** The newest review of each runbook of an entity, by runbook id. */
  latestReviews(entityRef: string): Promise<Map<string, RunbookReview>>;
  /** The newest review of every runbook, keyed `entityRef|runbookId`. */
  latestReviewsOfAll(): Promise<Map<string, RunbookReview>>;
}

/** One stored entity as the coverage report counts it, aggregated in SQL. */
export type ReportEntityRow = {
  entityRef: string;
  title?: string;
  owner?: string;
  runbooks: number;
  fresh: number;
  dueSoon: number;
  stale: number;
  neverReviewed: number;
  missing: number;
  /** The soonest due date of its runbooks, when any is dated. */
  nextDue?: string;
  alerts: number;
  alertsWithoutRunbook: number;
};

/** The coverage report's counts, without reading runbooks. */
export interface ReportStore {
  /**
   * One row per stored entity with its runbooks counted by status for `now`
   * (ISO) and the due-soon window ending at `dueSoonBefore` (ISO).
   */
  reportEntities(options: {
    now: string;
    dueSoonBefore: string;
    /** Only these entities (those stored); all when not given. */
    entityRefs?: string[];
  }): Promise<ReportEntityRow[]>;
  /**
   * Changes whenever `reportEntities` may answer differently for the same
   * `now`: an entity written, added or removed, a review added.
   */
  reportVersion(): Promise<string>;
  /**
   * The entities whose report rows changed after version `since` up to
   * `until`; undefined when that is more than `max` entities or no longer
   * known (then every entity must be counted again).
   */
  reportChanges(
    since: string,
    until: string,
    max: number,
  ): Promise<string[] | undefined>;
  /** The stored entities among these, without markdown, with their newest review per runbook. */
  reportDetails(
    entityRefs: string[],
  ): Promise<
    Array<{ summary: EntitySummary; reviews: Map<string, RunbookReview> }>
  >;
}

/** Which stale notifications were sent, shared by every replica. */
export interface NotificationClaimStore {
  /**
   * Claims the right to send the stale notification of runbooks for their
   * due dates: answers the keys claimed now, never a key claimed before
   * (across replicas too).
   */
  claimStaleNotifications(
    keys: StaleNotificationKey[],
  ): Promise<StaleNotificationKey[]>;
  /** Gives claims back, when sending failed, so a later run retries. */
  releaseStaleNotifications(keys: StaleNotificationKey[]): Promise<void>;
}

/** Where the plugin keeps what it read: the three stores in one database. */
export type RunbooksStore = SnapshotStore &
  ReviewStore &
  NotificationClaimStore &
  ReportStore;
