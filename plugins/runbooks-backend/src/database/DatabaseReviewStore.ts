import { Knex } from 'knex';
import { ReviewStore } from './RunbooksStore';
import { INSERT_CHUNK, ReviewRow, toReview } from './rows';
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
