import { Knex } from 'knex';
import { bumpReportRevision } from './reportRevision';
import { DueOf } from './reviewDue';
import { ReviewStore } from './RunbooksStore';
import {
  DocumentRow,
  EntityRow,
  INSERT_CHUNK,
  ReviewRow,
  toReview,
} from './rows';
import { RunbookReview } from '../service/types';

/** Review records in the `runbooks_reviews` table; refreshes never delete them. */
export class DatabaseReviewStore implements ReviewStore {
  constructor(private readonly db: Knex) {}

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

  async latestReviewsOfAll(): Promise<Map<string, RunbookReview>> {
    const rows = await this.db<ReviewRow>('runbooks_reviews').orderBy([
      { column: 'reviewed_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    return new Map(
      rows.map(row => [`${row.entity_ref}|${row.runbook_id}`, toReview(row)]),
    );
  }
}

/** The newest review of each runbook of these entities, keyed `entityRef|runbookId`. */
export async function latestReviewsOf(
  db: Knex,
  refs: string[],
): Promise<Map<string, RunbookReview>> {
  const latest = new Map<string, RunbookReview>();
  for (let i = 0; i < refs.length; i += INSERT_CHUNK) {
    const rows = await db<ReviewRow>('runbooks_reviews')
      .whereIn('entity_ref', refs.slice(i, i + INSERT_CHUNK))
      .orderBy([
        { column: 'reviewed_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    for (const row of rows) {
      latest.set(`${row.entity_ref}|${row.runbook_id}`, toReview(row));
    }
  }
  return latest;
}

/**
 * Records the review and, in the same transaction, moves the runbook's due
 * date (which the report counts from) and the report's revision with it.
 */
export async function addReviewMovingDue(
  db: Knex,
  dueOf: DueOf,
  entityRef: string,
  runbookId: string,
  review: RunbookReview,
): Promise<void> {
  await db.transaction(async tx => {
    const reviews = new DatabaseReviewStore(tx);
    await reviews.addReview(entityRef, runbookId, review);
    const [entity, document] = await Promise.all([
      tx<EntityRow>('runbooks_entities')
        .where({ entity_ref: entityRef })
        .first(),
      tx<DocumentRow>('runbooks_documents')
        .where({ entity_ref: entityRef, runbook_id: runbookId })
        .first('summary'),
    ]);
    if (!entity || !document) return;
    const latest = (await reviews.latestReviews(entityRef)).get(runbookId);
    await tx('runbooks_documents')
      .where({ entity_ref: entityRef, runbook_id: runbookId })
      .update({
        due_at: dueOf(
          JSON.parse(entity.data),
          JSON.parse(document.summary),
          latest,
        ),
      });
    await bumpReportRevision(tx, [entityRef]);
  });
}
