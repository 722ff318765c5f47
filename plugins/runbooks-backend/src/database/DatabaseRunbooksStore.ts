import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { DatabaseNotificationClaimStore } from './DatabaseNotificationClaimStore';
import { DatabaseRefreshState } from './DatabaseRefreshState';
import { DatabaseReportQueries } from './DatabaseReportQueries';
import {
  addReviewMovingDue,
  DatabaseReviewStore,
  latestReviewsOf,
} from './DatabaseReviewStore';
import { bumpReportRevision } from './reportRevision';
import { DueOf, dueOfPolicy } from './reviewDue';
import {
  AlertIndexDbRow,
  DocumentRow,
  documentChunks,
  EntityRow,
  entityVersion,
  INSERT_CHUNK,
  snapshotRows,
  toAlertIndexRow,
  toEntitySummary,
  toStoredRunbook,
} from './rows';
import {
  NotificationClaimStore,
  ReportEntityRow,
  ReportStore,
  ReviewStore,
  SnapshotStore,
  StaleNotificationKey,
} from './RunbooksStore';
import {
  AlertIndexRow,
  EntitySnapshot,
  EntitySummary,
  RunbookReview,
  StoredRunbook,
} from '../service/types';

const migrationsDir = resolvePackagePath(
  '@runbooks-for-backstage/plugin-runbooks-backend',
  'migrations',
);

/** Keeps runbooks in the plugin's own database (SQLite or PostgreSQL) through knex. */
export class DatabaseRunbooksStore
  implements SnapshotStore, ReviewStore, NotificationClaimStore, ReportStore
{
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    /** When runbooks are due, for the report's SQL counts; the default review policy when not given. */
    dueOf?: DueOf;
  }): Promise<DatabaseRunbooksStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseRunbooksStore(client, options.dueOf ?? dueOfPolicy());
  }

  private readonly reviews: DatabaseReviewStore;
  private readonly claims: DatabaseNotificationClaimStore;
  private readonly report: DatabaseReportQueries;
  private readonly refreshState: DatabaseRefreshState;

  private constructor(
    private readonly db: Knex,
    private readonly dueOf: DueOf,
  ) {
    this.reviews = new DatabaseReviewStore(db);
    this.claims = new DatabaseNotificationClaimStore(db);
    this.report = new DatabaseReportQueries(db);
    this.refreshState = new DatabaseRefreshState(db);
  }

  // The reviews, the notification claims, the report queries and the refresh
  // state have classes of their own; this one object serves callers typed against any.
  /** Records the review and moves the runbook's due date with it, in one transaction. */
  async addReview(entityRef: string, runbookId: string, review: RunbookReview) {
    await addReviewMovingDue(this.db, this.dueOf, entityRef, runbookId, review);
  }

  reportEntities(options: {
    now: string;
    dueSoonBefore: string;
    entityRefs?: string[];
  }): Promise<ReportEntityRow[]> {
    return this.report.reportEntities(options);
  }

  reportVersion(): Promise<string> {
    return this.report.reportVersion();
  }

  reportChanges(since: string, until: string, max: number) {
    return this.report.reportChanges(since, until, max);
  }

  reportDetails(entityRefs: string[]) {
    return this.report.reportDetails(entityRefs);
  }

  listReviews(entityRef: string, runbookId: string) {
    return this.reviews.listReviews(entityRef, runbookId);
  }

  latestReviews(entityRef: string) {
    return this.reviews.latestReviews(entityRef);
  }

  latestReviewsOfAll() {
    return this.reviews.latestReviewsOfAll();
  }

  claimStaleNotifications(keys: StaleNotificationKey[]) {
    return this.claims.claimStaleNotifications(keys);
  }

  releaseStaleNotifications(keys: StaleNotificationKey[]) {
    return this.claims.releaseStaleNotifications(keys);
  }

  async saveSnapshot(snapshot: EntitySnapshot): Promise<void> {
    await this.saveSnapshots([snapshot]);
  }

  async saveSnapshots(
    snapshots: EntitySnapshot[],
    sourceHashes?: Map<string, string>,
    sourceEtags?: Map<string, Record<string, string>>,
  ): Promise<void> {
    const refs = [...new Set(snapshots.map(s => s.entityRef))];
    if (!refs.length) return;
    await this.db.transaction(async tx => {
      const { entities, documents, alerts } = snapshotRows(
        snapshots,
        sourceHashes,
        sourceEtags,
        { dueOf: this.dueOf, reviews: await latestReviewsOf(tx, refs) },
      );
      await tx('runbooks_documents').whereIn('entity_ref', refs).delete();
      await tx('runbooks_alerts').whereIn('entity_ref', refs).delete();
      await tx('runbooks_entities')
        .insert(entities)
        .onConflict('entity_ref')
        .merge([
          'refreshed_at',
          'data',
          'stamp',
          'source_hash',
          'source_etags',
          'title',
          'owner',
        ]);
      for (const chunk of documentChunks(documents)) {
        await tx('runbooks_documents').insert(chunk);
      }
      for (let i = 0; i < alerts.length; i += INSERT_CHUNK) {
        await tx('runbooks_alerts').insert(alerts.slice(i, i + INSERT_CHUNK));
      }
      await bumpReportRevision(tx, refs);
    });
  }

  async getEntity(entityRef: string): Promise<EntitySummary | undefined> {
    const entity = await this.db<EntityRow>('runbooks_entities')
      .where({ entity_ref: entityRef })
      .first();
    if (!entity) return undefined;
    const documents = await this.db<DocumentRow>('runbooks_documents')
      .where({ entity_ref: entityRef })
      .orderBy('position')
      .select('summary');
    return toEntitySummary(
      entity,
      documents.map(row => JSON.parse(row.summary)),
    );
  }

  async getEntityVersion(
    entityRef: string,
  ): Promise<{ entity: string; reviews: number } | undefined> {
    const row = await this.db<EntityRow>('runbooks_entities as e')
      .where('e.entity_ref', entityRef)
      .select('e.refreshed_at', 'e.stamp', this.lastReviewId('e'))
      .first();
    if (!row) return undefined;
    return {
      entity: entityVersion(row),
      reviews: Number(row.review_id ?? 0),
    };
  }

  /** The newest review's id of the entity of table `alias`, as `review_id`. */
  private lastReviewId(alias: string) {
    return this.db('runbooks_reviews as r')
      .max('r.id')
      .where('r.entity_ref', this.db.ref(`${alias}.entity_ref`))
      .as('review_id');
  }

  async getRunbook(
    entityRef: string,
    runbookId: string,
  ): Promise<StoredRunbook | undefined> {
    const row = await this.db<DocumentRow>('runbooks_documents')
      .where({ entity_ref: entityRef, runbook_id: runbookId })
      .first();
    if (!row) return undefined;
    return toStoredRunbook(row);
  }

  async listRunbooks(options: {
    after?: { entityRef: string; runbookId: string };
    limit: number;
  }): Promise<Array<{ entityRef: string; runbook: StoredRunbook }>> {
    const query = this.db<DocumentRow>('runbooks_documents')
      .orderBy([{ column: 'entity_ref' }, { column: 'runbook_id' }])
      .limit(options.limit);
    const after = options.after;
    if (after) {
      query.where(builder =>
        builder
          .where('entity_ref', '>', after.entityRef)
          .orWhere(inner =>
            inner
              .where('entity_ref', '=', after.entityRef)
              .andWhere('runbook_id', '>', after.runbookId),
          ),
      );
    }
    const rows = await query;
    return rows.map(row => ({
      entityRef: row.entity_ref,
      runbook: toStoredRunbook(row),
    }));
  }

  async findAlert(alert: string): Promise<AlertIndexRow[]> {
    const rows: AlertIndexDbRow[] = await this.db('runbooks_alerts as a')
      .join('runbooks_entities as e', 'e.entity_ref', 'a.entity_ref')
      .whereIn('a.alert_key', [alert.toLowerCase(), '*'])
      .orderBy('a.id')
      .select('a.*', 'e.refreshed_at', 'e.stamp', this.lastReviewId('a'));
    return rows.map(toAlertIndexRow);
  }

  async listEntities(): Promise<EntitySummary[]> {
    const entities = await this.db<EntityRow>('runbooks_entities').orderBy(
      'entity_ref',
    );
    const documents = await this.db<DocumentRow>('runbooks_documents')
      .orderBy([{ column: 'entity_ref' }, { column: 'position' }])
      .select('entity_ref', 'summary');
    const byEntity = new Map<string, EntitySummary['runbooks']>();
    for (const row of documents) {
      const list = byEntity.get(row.entity_ref) ?? [];
      list.push(JSON.parse(row.summary));
      byEntity.set(row.entity_ref, list);
    }
    return entities.map(entity =>
      toEntitySummary(entity, byEntity.get(entity.entity_ref) ?? []),
    );
  }

  markSourceUnreachable(
    entityRef: string,
    state: { since: string; message: string },
  ): Promise<void> {
    return this.refreshState.markSourceUnreachable(entityRef, state);
  }

  getSourceHashes(entityRefs: string[]): Promise<Map<string, string>> {
    return this.refreshState.getSourceHashes(entityRefs);
  }

  getSourceStates(
    entityRefs: string[],
  ): Promise<Map<string, { hash: string; etags: Record<string, string> }>> {
    return this.refreshState.getSourceStates(entityRefs);
  }

  markRefreshed(entityRefs: string[], refreshedAt: string): Promise<void> {
    return this.refreshState.markRefreshed(entityRefs, refreshedAt);
  }

  listEntityRefs(): Promise<string[]> {
    return this.refreshState.listEntityRefs();
  }

  deleteEntities(entityRefs: string[]): Promise<void> {
    return this.refreshState.deleteEntities(entityRefs);
  }
}
