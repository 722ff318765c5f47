import { Knex } from 'knex';
import { EntitySummary, RunbookReview } from '../service/types';
import {
  DocumentRow,
  EntityRow,
  INSERT_CHUNK,
  ReviewRow,
  toEntitySummary,
  toReview,
} from './rows';
import { readReportRevision, reportChangesBetween } from './reportRevision';
import { ReportEntityRow } from './RunbooksStore';

type CountRow = {
  entity_ref: string;
  runbooks: number | string | null;
  fresh: number | string | null;
  due_soon: number | string | null;
  stale: number | string | null;
  never_reviewed: number | string | null;
  missing: number | string | null;
  next_due: string | null;
};

/**
 * The coverage report's counts as SQL aggregates: one row per entity, so a
 * report of 50,000 runbooks reads 10,000 small rows, no runbook summaries.
 * Status follows from the stored due date and `now`, as the API computes it.
 */
export class DatabaseReportQueries {
  constructor(private readonly db: Knex) {}

  async reportEntities(options: {
    now: string;
    dueSoonBefore: string;
    entityRefs?: string[];
  }): Promise<ReportEntityRow[]> {
    if (!options.entityRefs) return this.countEntities(options);
    const rows = [];
    for (let i = 0; i < options.entityRefs.length; i += INSERT_CHUNK) {
      rows.push(
        ...(await this.countEntities(
          options,
          options.entityRefs.slice(i, i + INSERT_CHUNK),
        )),
      );
    }
    return rows;
  }

  /** The counts of every stored entity, or of these. */
  private async countEntities(
    options: { now: string; dueSoonBefore: string },
    refs?: string[],
  ): Promise<ReportEntityRow[]> {
    const { now, dueSoonBefore } = options;
    const only = <T extends Knex.QueryBuilder>(query: T, column: string): T =>
      refs ? (query.whereIn(column, refs) as T) : query;
    const present = 'd.missing = ?';
    const [entities, counts, alerts] = await Promise.all([
      only(this.db('runbooks_entities'), 'entity_ref')
        .orderBy('entity_ref')
        .select<
          Array<{
            entity_ref: string;
            title: string | null;
            owner: string | null;
          }>
        >('entity_ref', 'title', 'owner'),
      only(this.db('runbooks_documents as d'), 'd.entity_ref')
        .groupBy('d.entity_ref')
        .select<CountRow[]>(
          'd.entity_ref',
          this.db.raw(
            `SUM(CASE WHEN ${present} THEN 1 ELSE 0 END) AS runbooks`,
            [false],
          ),
          this.db.raw(
            `SUM(CASE WHEN ${present} AND d.due_at > ? THEN 1 ELSE 0 END) AS fresh`,
            [false, dueSoonBefore],
          ),
          this.db.raw(
            `SUM(CASE WHEN ${present} AND d.due_at > ? AND d.due_at <= ? THEN 1 ELSE 0 END) AS due_soon`,
            [false, now, dueSoonBefore],
          ),
          this.db.raw(
            `SUM(CASE WHEN ${present} AND d.due_at <= ? THEN 1 ELSE 0 END) AS stale`,
            [false, now],
          ),
          this.db.raw(
            `SUM(CASE WHEN ${present} AND d.due_at IS NULL THEN 1 ELSE 0 END) AS never_reviewed`,
            [false],
          ),
          this.db.raw(
            `SUM(CASE WHEN ${present} THEN 0 ELSE 1 END) AS missing`,
            [false],
          ),
          this.db.raw('MIN(d.due_at) AS next_due'),
        ),
      only(this.db('runbooks_alerts'), 'entity_ref')
        .groupBy('entity_ref')
        .select<
          Array<{
            entity_ref: string;
            alerts: number | string;
            unanswered: number | string | null;
          }>
        >(
          'entity_ref',
          this.db.raw('COUNT(*) AS alerts'),
          this.db.raw(
            'SUM(CASE WHEN runbook_id IS NULL THEN 1 ELSE 0 END) AS unanswered',
          ),
        ),
    ]);
    const countsOf = new Map(counts.map(row => [row.entity_ref, row]));
    const alertsOf = new Map(alerts.map(row => [row.entity_ref, row]));
    return entities.map(entity => {
      const c = countsOf.get(entity.entity_ref);
      const a = alertsOf.get(entity.entity_ref);
      return {
        entityRef: entity.entity_ref,
        title: entity.title ?? undefined,
        owner: entity.owner ?? undefined,
        runbooks: Number(c?.runbooks ?? 0),
        fresh: Number(c?.fresh ?? 0),
        dueSoon: Number(c?.due_soon ?? 0),
        stale: Number(c?.stale ?? 0),
        neverReviewed: Number(c?.never_reviewed ?? 0),
        missing: Number(c?.missing ?? 0),
        nextDue: c?.next_due ?? undefined,
        alerts: Number(a?.alerts ?? 0),
        alertsWithoutRunbook: Number(a?.unanswered ?? 0),
      };
    });
  }

  reportVersion(): Promise<string> {
    return readReportRevision(this.db);
  }

  reportChanges(
    since: string,
    until: string,
    max: number,
  ): Promise<string[] | undefined> {
    return reportChangesBetween(this.db, since, until, max);
  }

  async reportDetails(
    entityRefs: string[],
  ): Promise<
    Array<{ summary: EntitySummary; reviews: Map<string, RunbookReview> }>
  > {
    const details = [];
    for (let i = 0; i < entityRefs.length; i += INSERT_CHUNK) {
      const refs = entityRefs.slice(i, i + INSERT_CHUNK);
      const [entities, documents, reviews] = await Promise.all([
        this.db<EntityRow>('runbooks_entities').whereIn('entity_ref', refs),
        this.db<DocumentRow>('runbooks_documents')
          .whereIn('entity_ref', refs)
          .orderBy([{ column: 'entity_ref' }, { column: 'position' }])
          .select('entity_ref', 'summary'),
        this.db<ReviewRow>('runbooks_reviews')
          .whereIn('entity_ref', refs)
          .orderBy([
            { column: 'reviewed_at', order: 'asc' },
            { column: 'id', order: 'asc' },
          ]),
      ]);
      const runbooksOf = new Map<string, EntitySummary['runbooks']>();
      for (const row of documents) {
        const list = runbooksOf.get(row.entity_ref) ?? [];
        list.push(JSON.parse(row.summary));
        runbooksOf.set(row.entity_ref, list);
      }
      const reviewsOf = new Map<string, Map<string, RunbookReview>>();
      for (const row of reviews) {
        const map = reviewsOf.get(row.entity_ref) ?? new Map();
        map.set(row.runbook_id, toReview(row));
        reviewsOf.set(row.entity_ref, map);
      }
      for (const entity of entities) {
        details.push({
          summary: toEntitySummary(
            entity,
            runbooksOf.get(entity.entity_ref) ?? [],
          ),
          reviews: reviewsOf.get(entity.entity_ref) ?? new Map(),
        });
      }
    }
    return details;
  }
}
