import { randomUUID } from 'crypto';
import {
  AlertIndexRow,
  EntitySnapshot,
  EntitySummary,
  RunbookReview,
  StoredRunbook,
} from '../service/types';
import { DueOf } from './reviewDue';

export const INSERT_CHUNK = 200;

export type EntityRow = {
  entity_ref: string;
  refreshed_at: string;
  data: string;
  stamp: string | null;
};

export function entityVersion(row: Pick<EntityRow, 'refreshed_at' | 'stamp'>) {
  return `${row.refreshed_at}|${row.stamp ?? ''}`;
}
export type AlertRow = {
  entity_ref: string;
  alert: string;
  alert_key: string;
  pattern: string | null;
  runbook_id: string | null;
  anchor: string | null;
  source: string | null;
  rule: string | null;
};

export function alertRows(snapshot: EntitySnapshot): AlertRow[] {
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
export function* documentChunks(rows: DocumentRow[]): Generator<DocumentRow[]> {
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

export type ReviewRow = {
  id: number;
  entity_ref: string;
  runbook_id: string;
  reviewer: string;
  reviewed_at: string;
  note: string | null;
  content_hash: string | null;
};

export function toReview(row: ReviewRow): RunbookReview {
  return {
    reviewer: row.reviewer,
    reviewedAt: row.reviewed_at,
    ...(row.note ? { note: row.note } : {}),
    ...(row.content_hash ? { contentHash: row.content_hash } : {}),
  };
}

export type DocumentRow = {
  entity_ref: string;
  runbook_id: string;
  position: number;
  summary: string;
  markdown: string;
  headings: string;
  due_at?: string | null;
  missing?: boolean;
};

/** The rows that store these snapshots, one entity written twice in a batch stored once. */
export function snapshotRows(
  snapshots: EntitySnapshot[],
  sourceHashes?: Map<string, string>,
  sourceEtags?: Map<string, Record<string, string>>,
  due?: { dueOf: DueOf; reviews: Map<string, RunbookReview> },
) {
  // The last snapshot of an entity wins.
  const latest = [
    ...new Map(snapshots.map(snapshot => [snapshot.entityRef, snapshot])),
  ].map(([, snapshot]) => snapshot);
  const refs = latest.map(snapshot => snapshot.entityRef);
  const entities = latest.map(
    ({ runbooks, entityRef, refreshedAt, ...rest }) => ({
      entity_ref: entityRef,
      refreshed_at: refreshedAt,
      data: JSON.stringify(rest),
      stamp: randomUUID(),
      source_hash: sourceHashes?.get(entityRef) ?? null,
      source_etags: etagsText(sourceEtags?.get(entityRef)),
      title: rest.entityTitle ?? null,
      owner: rest.owner ?? null,
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
      missing: Boolean(summary.missing),
      due_at: due
        ? due.dueOf(
            snapshot,
            summary,
            due.reviews.get(`${snapshot.entityRef}|${summary.id}`),
          )
        : null,
    })),
  );
  const alerts = latest.flatMap(alertRows);
  return { refs, entities, documents, alerts };
}

function etagsText(etags: Record<string, string> | undefined) {
  return etags && Object.keys(etags).length ? JSON.stringify(etags) : null;
}

/** The stored etags of an entity's remote locations; none when unreadable. */
export function parseEtags(text: string | null): Record<string, string> {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** An alert index row joined with its entity's version columns. */
export type AlertIndexDbRow = AlertRow &
  Pick<EntityRow, 'refreshed_at' | 'stamp'> & {
    review_id: number | string | null;
  };

export function toAlertIndexRow(row: AlertIndexDbRow): AlertIndexRow {
  return {
    entityRef: row.entity_ref,
    entityVersion: entityVersion(row),
    reviewsVersion: Number(row.review_id ?? 0),
    alert: row.alert,
    pattern: row.pattern ?? undefined,
    runbookId: row.runbook_id ?? undefined,
    anchor: row.anchor ?? undefined,
    source: row.source ?? undefined,
    rule: row.rule ? JSON.parse(row.rule) : undefined,
  };
}

export function toStoredRunbook(row: DocumentRow): StoredRunbook {
  return {
    ...JSON.parse(row.summary),
    markdown: row.markdown,
    headings: JSON.parse(row.headings),
  };
}

export function toEntitySummary(
  entity: EntityRow,
  runbooks: EntitySummary['runbooks'],
): EntitySummary {
  return {
    ...JSON.parse(entity.data),
    entityRef: entity.entity_ref,
    refreshedAt: entity.refreshed_at,
    runbooks,
  };
}
