import { Knex } from 'knex';

const REPORT = { name: 'report' };

/**
 * Moves the report's revision. Called last in each transaction that changes
 * what `reportEntities` answers, so the row lock is held only until commit.
 */
export async function bumpReportRevision(tx: Knex): Promise<void> {
  await tx('runbooks_revisions').where(REPORT).increment('revision', 1);
}

/** The report's revision: one primary-key read. */
export async function readReportRevision(db: Knex): Promise<string> {
  const row = await db('runbooks_revisions')
    .where(REPORT)
    .first<{ revision: number | string } | undefined>('revision');
  return String(row?.revision ?? 0);
}
