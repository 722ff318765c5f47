import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import { RunbooksStore, StaleNotificationKey } from './RunbooksStore';
import {
  AlertIndexRow,
  EntitySnapshot,
  EntitySummary,
  RunbookReview,
  StoredRunbook,
} from './types';

const migrationsDir = resolvePackagePath(
  '@runbooks-for-backstage/plugin-runbooks-backend',
  'migrations',
);

const INSERT_CHUNK = 200;

type EntityRow = {
  entity_ref: string;
  refreshed_at: string;
  data: string;
  stamp: string | null;
};

function entityVersion(row: Pick<EntityRow, 'refreshed_at' | 'stamp'>) {
  return `${row.refreshed_at}|${row.stamp ?? ''}`;
}
type AlertRow = {
  entity_ref: string;
  alert: string;
  alert_key: string;
  pattern: string | null;
  runbook_id: string | null;
  anchor: string | null;
  source: string | null;
  rule: string | null;
};

function alertRows(snapshot: EntitySnapshot): AlertRow[] {
  const ruleOf = (alert: string) => {
    const rule = snapshot.alertRules?.find(r => r.alert === alert);
    return rule
      ? JSON.stringify({
          severity: rule.severity,
          labels: rule.labels,
          file: rule.file,
        })
      : null;
  };
  const mapped = snapshot.alerts.map(mapping => {
    const isPattern = mapping.alert.includes('*');
    return {
      entity_ref: snapshot.entityRef,
      alert: mapping.alert,
      alert_key: isPattern ? '*' : mapping.alert.toLowerCase(),
      pattern: isPattern ? mapping.alert : null,
      runbook_id: mapping.runbookId,
      anchor: mapping.anchor ?? null,
      source: mapping.source,
      rule: isPattern ? null : ruleOf(mapping.alert),
    };
  });
  const unanswered = (snapshot.alertsWithoutRunbook ?? []).map(alert => ({
    entity_ref: snapshot.entityRef,
    alert: alert.alert,
    alert_key: alert.alert.toLowerCase(),
    pattern: null,
    runbook_id: null,
    anchor: null,
    source: null,
    rule: ruleOf(alert.alert),
  }));
  return [...mapped, ...unanswered];
}

/** A statement's worth of documents: at most INSERT_CHUNK rows or about 4 MB of markdown. */
function* documentChunks(rows: DocumentRow[]): Generator<DocumentRow[]> {
  const MAX_BYTES = 4 * 1024 * 1024;
  let chunk: DocumentRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = row.markdown.length + row.summary.length + row.headings.length;
    if (
      chunk.length &&
      (chunk.length >= INSERT_CHUNK || bytes + size > MAX_BYTES)
    ) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(row);
    bytes += size;
  }
  if (chunk.length) yield chunk;
}

function etagsText(etags: Record<string, string> | undefined) {
  return etags && Object.keys(etags).length ? JSON.stringify(etags) : null;
}

function parseEtags(text: string | null): Record<string, string> {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

type ReviewRow = {
  id: number;
  entity_ref: string;
  runbook_id: string;
  reviewer: string;
  reviewed_at: string;
  note: string | null;
  content_hash: string | null;
};

function toReview(row: ReviewRow): RunbookReview {
  return {
    reviewer: row.reviewer,
    reviewedAt: row.reviewed_at,
    ...(row.note ? { note: row.note } : {}),
    ...(row.content_hash ? { contentHash: row.content_hash } : {}),
  };
}

type DocumentRow = {
  entity_ref: string;
  runbook_id: string;
  position: number;
  summary: string;
  markdown: string;
  headings: string;
};

/** Keeps runbooks in the plugin's own database (SQLite or PostgreSQL) through knex. */
export class DatabaseRunbooksStore implements RunbooksStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseRunbooksStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseRunbooksStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async saveSnapshot(snapshot: EntitySnapshot): Promise<void> {
    await this.saveSnapshots([snapshot]);
  }

  async saveSnapshots(
    snapshots: EntitySnapshot[],
    sourceHashes?: Map<string, string>,
    sourceEtags?: Map<string, Record<string, string>>,
  ): Promise<void> {
    // One entity written twice in a batch: the last snapshot wins.
    const latest = [
      ...new Map(snapshots.map(snapshot => [snapshot.entityRef, snapshot])),
    ].map(([, snapshot]) => snapshot);
    if (!latest.length) return;
    const refs = latest.map(snapshot => snapshot.entityRef);
    const entities = latest.map(
      ({ runbooks, entityRef, refreshedAt, ...rest }) => ({
        entity_ref: entityRef,
        refreshed_at: refreshedAt,
        data: JSON.stringify(rest),
        stamp: randomUUID(),
        source_hash: sourceHashes?.get(entityRef) ?? null,
        source_etags: etagsText(sourceEtags?.get(entityRef)),
      }),
    );
    const documents: DocumentRow[] = latest.flatMap(snapshot =>
      snapshot.runbooks.map(({ markdown, headings, ...summary }, position) => ({
        entity_ref: snapshot.entityRef,
        runbook_id: summary.id,
        position,
        summary: JSON.stringify(summary),
        markdown,
        headings: JSON.stringify(headings),
      })),
    );
    const alerts = latest.flatMap(alertRows);
    await this.db.transaction(async tx => {
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
        ]);
      for (const chunk of documentChunks(documents)) {
        await tx('runbooks_documents').insert(chunk);
      }
      for (let i = 0; i < alerts.length; i += INSERT_CHUNK) {
        await tx('runbooks_alerts').insert(alerts.slice(i, i + INSERT_CHUNK));
      }
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
    return {
      ...JSON.parse(entity.data),
      entityRef: entity.entity_ref,
      refreshedAt: entity.refreshed_at,
      runbooks: documents.map(row => JSON.parse(row.summary)),
    };
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
    return {
      ...JSON.parse(row.summary),
      markdown: row.markdown,
      headings: JSON.parse(row.headings),
    };
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
      runbook: {
        ...JSON.parse(row.summary),
        markdown: row.markdown,
        headings: JSON.parse(row.headings),
      },
    }));
  }

  async findAlert(alert: string): Promise<AlertIndexRow[]> {
    const rows: Array<
      AlertRow &
        Pick<EntityRow, 'refreshed_at' | 'stamp'> & {
          review_id: number | string | null;
        }
    > = await this.db('runbooks_alerts as a')
      .join('runbooks_entities as e', 'e.entity_ref', 'a.entity_ref')
      .whereIn('a.alert_key', [alert.toLowerCase(), '*'])
      .orderBy('a.id')
      .select('a.*', 'e.refreshed_at', 'e.stamp', this.lastReviewId('a'));
    return rows.map(row => ({
      entityRef: row.entity_ref,
      entityVersion: entityVersion(row),
      reviewsVersion: Number(row.review_id ?? 0),
      alert: row.alert,
      pattern: row.pattern ?? undefined,
      runbookId: row.runbook_id ?? undefined,
      anchor: row.anchor ?? undefined,
      source: row.source ?? undefined,
      rule: row.rule ? JSON.parse(row.rule) : undefined,
    }));
  }

  async addReview(
    entityRef: string,
    runbookId: string,
    review: RunbookReview,
  ): Promise<void> {
    await this.db('runbooks_reviews').insert({
      entity_ref: entityRef,
      runbook_id: runbookId,
      reviewer: review.reviewer,
      reviewed_at: review.reviewedAt,
      note: review.note ?? null,
      content_hash: review.contentHash ?? null,
    });
  }

  async listReviews(
    entityRef: string,
    runbookId: string,
  ): Promise<RunbookReview[]> {
    const rows = await this.db<ReviewRow>('runbooks_reviews')
      .where({ entity_ref: entityRef, runbook_id: runbookId })
      .orderBy([
        { column: 'reviewed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(toReview);
  }

  async latestReviews(entityRef: string): Promise<Map<string, RunbookReview>> {
    const rows = await this.db<ReviewRow>('runbooks_reviews')
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'reviewed_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return new Map(rows.map(row => [row.runbook_id, toReview(row)]));
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
    return entities.map(entity => ({
      ...JSON.parse(entity.data),
      entityRef: entity.entity_ref,
      refreshedAt: entity.refreshed_at,
      runbooks: byEntity.get(entity.entity_ref) ?? [],
    }));
  }

  async latestReviewsOfAll(): Promise<Map<string, RunbookReview>> {
    const rows = await this.db<ReviewRow>('runbooks_reviews').orderBy([
      { column: 'reviewed_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    return new Map(
      rows.map(row => [`${row.entity_ref}|${row.runbook_id}`, toReview(row)]),
    );
  }

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

  async markSourceUnreachable(
    entityRef: string,
    state: { since: string; message: string },
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const row = await tx<EntityRow>('runbooks_entities')
        .where({ entity_ref: entityRef })
        .first();
      if (!row) return;
      const data = JSON.parse(row.data);
      await tx('runbooks_entities')
        .where({ entity_ref: entityRef })
        .update({
          data: JSON.stringify({ ...data, sourceUnreachable: state }),
          stamp: randomUUID(),
          // Read again in full once the source answers.
          source_hash: null,
          source_etags: null,
        });
    });
  }

  async getSourceHashes(entityRefs: string[]): Promise<Map<string, string>> {
    const hashes = new Map<string, string>();
    for (let i = 0; i < entityRefs.length; i += INSERT_CHUNK) {
      const rows: Array<{ entity_ref: string; source_hash: string | null }> =
        await this.db('runbooks_entities')
          .whereIn('entity_ref', entityRefs.slice(i, i + INSERT_CHUNK))
          .select('entity_ref', 'source_hash');
      for (const row of rows) {
        if (row.source_hash) hashes.set(row.entity_ref, row.source_hash);
      }
    }
    return hashes;
  }

  async getSourceStates(
    entityRefs: string[],
  ): Promise<Map<string, { hash: string; etags: Record<string, string> }>> {
    const states = new Map<
      string,
      { hash: string; etags: Record<string, string> }
    >();
    for (let i = 0; i < entityRefs.length; i += INSERT_CHUNK) {
      const rows: Array<{
        entity_ref: string;
        source_hash: string | null;
        source_etags: string | null;
      }> = await this.db('runbooks_entities')
        .whereIn('entity_ref', entityRefs.slice(i, i + INSERT_CHUNK))
        .select('entity_ref', 'source_hash', 'source_etags');
      for (const row of rows) {
        if (!row.source_hash) continue;
        states.set(row.entity_ref, {
          hash: row.source_hash,
          etags: parseEtags(row.source_etags),
        });
      }
    }
    return states;
  }

  async markRefreshed(
    entityRefs: string[],
    refreshedAt: string,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      for (let i = 0; i < entityRefs.length; i += INSERT_CHUNK) {
        await tx('runbooks_entities')
          .whereIn('entity_ref', entityRefs.slice(i, i + INSERT_CHUNK))
          .update({ refreshed_at: refreshedAt });
      }
    });
  }

  async listEntityRefs(): Promise<string[]> {
    const rows = await this.db<EntityRow>('runbooks_entities').select(
      'entity_ref',
    );
    return rows.map(row => row.entity_ref);
  }

  async deleteEntities(entityRefs: string[]): Promise<void> {
    for (let i = 0; i < entityRefs.length; i += INSERT_CHUNK) {
      const chunk = entityRefs.slice(i, i + INSERT_CHUNK);
      await this.db.transaction(async tx => {
        await tx('runbooks_documents').whereIn('entity_ref', chunk).delete();
        await tx('runbooks_alerts').whereIn('entity_ref', chunk).delete();
        await tx('runbooks_entities').whereIn('entity_ref', chunk).delete();
      });
    }
  }
}
