import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  AlertLookup,
  AlertPattern,
  compileAlertPattern,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { SnapshotStore } from '../database/RunbooksStore';
import { ttlCache } from './caches';
import { CatalogAccess, callerKey } from './CatalogAccess';
import { entityKey } from './entityRefs';
import { EntityReadModel, UNCHECKED_REUSE_MS } from './EntityReadModel';
import { AlertIndexRow } from './types';

/** Alert labels that usually name the service an alert belongs to. */
const SERVICE_LABELS = ['service', 'component', 'app', 'application'];

function narrowByLabels(
  rows: AlertIndexRow[],
  labels: Record<string, string>,
): AlertIndexRow[] {
  let kept = rows.filter(row =>
    Object.entries(labels).every(
      ([key, value]) =>
        row.rule?.labels[key] === undefined || row.rule.labels[key] === value,
    ),
  );
  const names = SERVICE_LABELS.flatMap(key =>
    labels[key] ? [labels[key].toLowerCase()] : [],
  );
  if (names.length) {
    const named = kept.filter(row =>
      names.includes(row.entityRef.slice(row.entityRef.lastIndexOf('/') + 1)),
    );
    if (named.length) kept = named;
  }
  return kept;
}

function normalizeRef(text: string): string {
  try {
    return entityKey(
      parseEntityRef(text, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    throw new InputError(
      `Invalid entity "${text}"; expected kind:namespace/name`,
    );
  }
}

/**
 * The runbooks that answer an alert, through the alert index (exact names
 * first, then `*` patterns), limited to entities the caller may read and
 * narrowed by `entity=` or alert labels. Alerts a rule file defines without
 * a runbook come back in `definedBy`.
 */
export class AlertRunbookLookup {
  private readonly lookups: ReturnType<
    typeof ttlCache<{ answer: AlertLookup; localWrites: number }>
  >;
  private readonly patterns = ttlCache<AlertPattern>({
    ttlMs: 60 * 60_000,
    max: 20_000,
  });

  constructor(
    private readonly deps: {
      store: Pick<SnapshotStore, 'findAlert'>;
      catalog: CatalogAccess;
      readModel: EntityReadModel;
    },
  ) {
    this.lookups = ttlCache({
      ttlMs: UNCHECKED_REUSE_MS,
      max: 10_000,
      now: () => deps.readModel.nowMs(),
    });
  }

  async lookupAlert(
    alert: string,
    query: Record<string, string>,
    credentials: BackstageCredentials,
  ): Promise<AlertLookup> {
    const lookupKey = `${callerKey(credentials)}|${alert}|${JSON.stringify(
      Object.entries(query).sort(),
    )}`;
    const { readModel } = this.deps;
    const cached = this.lookups.get(lookupKey);
    if (cached?.localWrites === readModel.localWrites) return cached.answer;
    const localWrites = readModel.localWrites;
    const answer = await this.findRunbooksForAlert(alert, query, credentials);
    this.lookups.set(lookupKey, { answer, localWrites });
    return answer;
  }

  private async findRunbooksForAlert(
    alert: string,
    query: Record<string, string>,
    credentials: BackstageCredentials,
  ): Promise<AlertLookup> {
    const { readModel } = this.deps;
    const { entity: entityFilter, ...labels } = query;
    let rows = (await this.deps.store.findAlert(alert)).filter(
      row => !row.pattern || this.compiled(row.pattern).matches(alert),
    );
    if (entityFilter) {
      const wanted = normalizeRef(entityFilter);
      rows = rows.filter(row => row.entityRef === wanted);
    }
    rows = narrowByLabels(rows, labels);
    const refs = [...new Set(rows.map(row => row.entityRef))];
    const readable = await this.deps.catalog.readableRefs(refs, credentials);
    const matches: AlertLookup['matches'] = [];
    const definedBy: AlertLookup['definedBy'] = [];
    const seen = new Set<string>();
    for (const row of rows.filter(r => readable.has(r.entityRef))) {
      const summary = await readModel.summaryAt(
        row.entityRef,
        row.entityVersion,
      );
      if (!summary) continue;
      if (!row.runbookId) {
        definedBy.push({
          entityRef: row.entityRef,
          entityTitle: summary.entityTitle,
          owner: summary.owner,
          severity: row.rule?.severity,
          file: row.rule?.file,
        });
        continue;
      }
      const stored = summary.runbooks.find(r => r.id === row.runbookId);
      const key = `${row.entityRef}|${row.runbookId}|${row.anchor}`;
      if (!stored || seen.has(key)) continue;
      seen.add(key);
      const reviews = await readModel.reviewsAt(
        row.entityRef,
        row.reviewsVersion,
      );
      const runbook = readModel.present(
        parseEntityRef(row.entityRef),
        summary,
        stored,
        reviews.get(stored.id),
      );
      matches.push({
        entityRef: row.entityRef,
        entityTitle: summary.entityTitle,
        owner: summary.owner,
        runbook,
        anchor: row.anchor,
        url: row.anchor
          ? `${runbook.viewUrl}#${encodeURIComponent(row.anchor)}`
          : runbook.viewUrl,
      });
    }
    if (!matches.length && !definedBy.length) {
      throw new NotFoundError(`No runbook answers alert "${alert}"`);
    }
    return { alert, matches, definedBy };
  }

  /** A stored `*` pattern, split once and reused by every lookup. */
  private compiled(pattern: string): AlertPattern {
    let compiled = this.patterns.get(pattern);
    if (!compiled) {
      compiled = compileAlertPattern(pattern);
      this.patterns.set(pattern, compiled);
    }
    return compiled;
  }
}
