import { Knex } from 'knex';
import { INSERT_CHUNK } from './rows';

const REPORT = { name: 'report' };

/** How many revisions of changed entities are kept for replicas catching up. */
export const REPORT_CHANGES_KEPT = 1_000;

/**
 * Moves the report's revision and records which entities it changed. Called
 * last in each transaction that changes what `reportEntities` answers: the
 * counter's row lock, held until commit, makes revisions commit in order.
 */
export async function bumpReportRevision(
  tx: Knex,
  entityRefs: string[],
): Promise<void> {
  await tx('runbooks_revisions').where(REPORT).increment('revision', 1);
  const revision = Number(await readReportRevision(tx));
  const refs = [...new Set(entityRefs)];
  for (let i = 0; i < refs.length; i += INSERT_CHUNK) {
    await tx('runbooks_report_changes').insert(
      refs
        .slice(i, i + INSERT_CHUNK)
        .map(entity_ref => ({ revision, entity_ref })),
    );
  }
  await tx('runbooks_report_changes')
    .where('revision', '<=', revision - REPORT_CHANGES_KEPT)
    .delete();
}

/** The report's revision: one primary-key read. */
export async function readReportRevision(db: Knex): Promise<string> {
  const row = await db('runbooks_revisions')
    .where(REPORT)
    .first<{ revision: number | string } | undefined>('revision');
  return String(row?.revision ?? 0);
}

/**
 * The entities changed after revision `since` up to `until`, or undefined
 * when they are no longer all recorded or more than `max`: count them all.
 */
export async function reportChangesBetween(
  db: Knex,
  since: string,
  until: string,
  max: number,
): Promise<string[] | undefined> {
  const behind = Number(until) - Number(since);
  if (behind < 0 || behind >= REPORT_CHANGES_KEPT) return undefined;
  const rows: Array<{ entity_ref: string }> = await db(
    'runbooks_report_changes',
  )
    .where('revision', '>', Number(since))
    .andWhere('revision', '<=', Number(until))
    .distinct('entity_ref')
    .limit(max + 1);
  return rows.length > max ? undefined : rows.map(row => row.entity_ref);
}
