import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AlertPattern,
  compileAlertPattern,
  EntityRunbooks,
  AlertLookup,
  markdownToPlainText,
  RunbookDocument,
  RunbookProblem,
  RunbooksReport,
  Runbook,
  RunbookDetail,
  RUNBOOKS_LOCATION_ANNOTATION,
  runbooksReviewCreatePermission,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { RunbooksConfig } from '../config';
import { presentRunbook } from './presentRunbook';
import { presentEntityStandards, sumStandards } from './presentStandards';
import { TtlCache } from './TtlCache';
import { resolveEscalation } from '../onCall/resolveEscalation';
import { entityKey } from './entityRefs';
import { RunbooksRefresher } from './RunbooksRefresher';
import { RunbooksStore } from './RunbooksStore';
import {
  AlertIndexRow,
  EntitySummary,
  RunbookReview,
  StoredRunbook,
} from './types';

type Cursor = { entityRef: string; runbookId: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string | undefined): Cursor | undefined {
  if (!text) return undefined;
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      typeof cursor?.entityRef === 'string' &&
      typeof cursor?.runbookId === 'string'
    ) {
      return cursor;
    }
  } catch {
    // falls through to the error below
  }
  throw new InputError(`Invalid cursor "${text}"`);
}

function sourceProblems(summary: EntitySummary): RunbookProblem[] {
  const state = summary.sourceUnreachable;
  if (!state) return [];
  return [
    {
      level: 'error',
      subject: RUNBOOKS_LOCATION_ANNOTATION,
      message: `Runbook source unreachable since ${state.since}: showing the last good copy, read ${summary.refreshedAt} (${state.message})`,
    },
  ];
}

/** How long a caller's read check and escalation lookup are reused. */
const CALLER_CACHE_MS = 5_000;

/**
 * How long an answer is served from memory without asking the database
 * whether the entity changed: the most a review or refresh made on another
 * replica can take to show here. Writes through this replica show at once.
 */
const UNCHECKED_REUSE_MS = 1_000;

function callerKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return `${principal.type}:${
    principal.userEntityRef ?? principal.subject ?? ''
  }`;
}

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

/** The plugin's answers: what is stored, with review status computed now. */
export class RunbooksService {
  constructor(
    private readonly deps: {
      store: RunbooksStore;
      refresher: RunbooksRefresher;
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
      config: RunbooksConfig;
      now?: () => Date;
    },
  ) {}

  // Repeated requests of one caller for one entity skip the catalog for a
  // few seconds: the read check and the escalation lookup are the costliest
  // parts of a request.
  private readonly readable = new TtlCache<{ entity: Entity; key: string }>({
    ttlMs: CALLER_CACHE_MS,
    maxEntries: 10_000,
  });
  private readonly readableSets = new TtlCache<Set<string>>({
    ttlMs: CALLER_CACHE_MS,
    maxEntries: 10_000,
  });
  // Answers are reused only while the entity's version (refresh, reviews)
  // is unchanged, which one indexed read tells, on every replica; the time
  // to live bounds how late a status turns at its due date.
  private readonly entityAnswers = new TtlCache<{
    version: string;
    answer: EntityRunbooks;
    checkedAt: number;
    localWrites: number;
  }>({ ttlMs: CALLER_CACHE_MS, maxEntries: 10_000 });
  private readonly lookups = new TtlCache<{
    answer: AlertLookup;
    localWrites: number;
  }>({
    ttlMs: UNCHECKED_REUSE_MS,
    maxEntries: 10_000,
    now: () => this.nowMs(),
  });
  private readonly patterns = new TtlCache<AlertPattern>({
    ttlMs: 60 * 60_000,
    maxEntries: 20_000,
  });
  /** When each entity was last refreshed on request, for the cooldown. */
  private readonly manualRefreshes = new TtlCache<number>({
    ttlMs: 24 * 60 * 60_000,
    maxEntries: 10_000,
    now: () => this.nowMs(),
  });
  /** Reviews and refreshes made through this replica, so far. */
  private localWrites = 0;
  private readonly summaries = new TtlCache<{
    version: string;
    summary: EntitySummary;
  }>({ ttlMs: 10 * 60_000, maxEntries: 2_000 });
  private readonly reviews = new TtlCache<{
    version: number;
    reviews: Map<string, RunbookReview>;
  }>({ ttlMs: 10 * 60_000, maxEntries: 2_000 });
  private readonly escalations = new TtlCache<
    Awaited<ReturnType<typeof resolveEscalation>>
  >({ ttlMs: CALLER_CACHE_MS, maxEntries: 10_000 });

  /**
   * An entity's runbooks. The entity is looked up with the caller's own
   * credentials, so those who may not read it get a 404. An entity never
   * refreshed yet is read on the spot.
   */
  async getEntityRunbooks(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityRunbooks> {
    const { entity, key } = await this.readableEntity(ref, credentials);
    const answerKey = `${callerKey(credentials)}|${key}`;
    const cached = this.entityAnswers.get(answerKey);
    const nowMs = this.nowMs();
    if (
      cached?.localWrites === this.localWrites &&
      nowMs - cached.checkedAt < UNCHECKED_REUSE_MS
    ) {
      return cached.answer;
    }
    const localWrites = this.localWrites;
    const version = await this.deps.store.getEntityVersion(key);
    if (!version) {
      const summary = await this.deps.refresher.refreshEntity(entity);
      return this.entityAnswer(entity, summary, undefined, credentials);
    }
    const answerVersion = `${version.entity}#${version.reviews}`;
    if (cached?.version === answerVersion) {
      cached.checkedAt = nowMs;
      cached.localWrites = localWrites;
      return cached.answer;
    }
    const summary =
      (await this.summaryAt(key, version.entity)) ??
      (await this.deps.refresher.refreshEntity(entity));
    const answer = await this.entityAnswer(
      entity,
      summary,
      version.reviews,
      credentials,
    );
    this.entityAnswers.set(answerKey, {
      version: answerVersion,
      answer,
      checkedAt: nowMs,
      localWrites,
    });
    return answer;
  }

  private async entityAnswer(
    entity: Entity,
    summary: EntitySummary,
    reviewsVersion: number | undefined,
    credentials: BackstageCredentials,
  ): Promise<EntityRunbooks> {
    const escalationKey = `${callerKey(credentials)}|${summary.entityRef}|${
      summary.refreshedAt
    }`;
    let escalation = this.escalations.get(escalationKey);
    if (!escalation) {
      escalation = await resolveEscalation(
        summary.escalation,
        this.deps.catalog,
        credentials,
      );
      this.escalations.set(escalationKey, escalation);
    }
    const reviews = await this.reviewsAt(summary.entityRef, reviewsVersion);
    const ref = getCompoundEntityRef(entity);
    const runbooks = summary.runbooks.map(runbook =>
      this.present(ref, summary, runbook, reviews.get(runbook.id)),
    );
    return {
      entityRef: summary.entityRef,
      runbooks,
      alerts: summary.alerts,
      alertsWithoutRunbook: summary.alertsWithoutRunbook ?? [],
      escalation: escalation.levels,
      severities: summary.severities ?? this.deps.config.severities,
      problems: [
        ...sourceProblems(summary),
        ...summary.problems,
        ...escalation.problems,
      ],
      refreshedAt: summary.refreshedAt,
      standards: presentEntityStandards({
        config: this.deps.config,
        summary,
        runbooks,
        annotations: entity.metadata.annotations ?? {},
      }),
    };
  }

  /** The entity's newest review per runbook, read again when `version` moves. */
  private async reviewsAt(
    entityRef: string,
    version: number | undefined,
  ): Promise<Map<string, RunbookReview>> {
    const cached = this.reviews.get(entityRef);
    if (version !== undefined && cached?.version === version) {
      return cached.reviews;
    }
    const reviews = await this.deps.store.latestReviews(entityRef);
    if (version !== undefined)
      this.reviews.set(entityRef, { version, reviews });
    return reviews;
  }

  /**
   * The entity's stored summary, parsed once per version of the entity and
   * shared by every caller (it holds nothing caller-specific).
   */
  private async summaryAt(
    entityRef: string,
    version: string,
  ): Promise<EntitySummary | undefined> {
    const cached = this.summaries.get(entityRef);
    if (cached?.version === version) return cached.summary;
    const summary = await this.deps.store.getEntity(entityRef);
    if (summary) this.summaries.set(entityRef, { version, summary });
    return summary;
  }

  /** One runbook with its markdown and headings. */
  async getRunbook(
    ref: CompoundEntityRef,
    runbookId: string,
    credentials: BackstageCredentials,
  ): Promise<RunbookDetail> {
    const { entity, key } = await this.readableEntity(ref, credentials);
    const version = await this.deps.store.getEntityVersion(key);
    const summary =
      (version && (await this.summaryAt(key, version.entity))) ||
      (await this.deps.refresher.refreshEntity(entity));
    const runbook = await this.deps.store.getRunbook(key, runbookId);
    if (!runbook) {
      throw new NotFoundError(`${key} has no runbook with id "${runbookId}"`);
    }
    const reviews = await this.deps.store.latestReviews(key);
    return {
      ...this.present(
        getCompoundEntityRef(entity),
        summary,
        runbook,
        reviews.get(runbook.id),
      ),
      markdown: runbook.markdown,
      headings: runbook.headings,
    };
  }

  /**
   * Every stored runbook with its text, a page at a time, for search
   * collators. Callers are services; the search engine filters results by
   * each document's entity.
   */
  async listDocuments(options: { after?: string; limit: number }): Promise<{
    items: RunbookDocument[];
    nextCursor?: string;
  }> {
    const rows = await this.deps.store.listRunbooks({
      after: decodeCursor(options.after),
      limit: options.limit,
    });
    const entities = new Map<string, EntitySummary | undefined>();
    const items: RunbookDocument[] = [];
    for (const { entityRef, runbook } of rows) {
      if (!entities.has(entityRef)) {
        entities.set(entityRef, await this.deps.store.getEntity(entityRef));
      }
      const entity = entities.get(entityRef);
      if (!entity || runbook.missing) continue;
      items.push({
        entityRef,
        entityTitle: entity.entityTitle,
        owner: entity.owner,
        runbook: this.present(parseEntityRef(entityRef), entity, runbook),
        text: markdownToPlainText(runbook.markdown),
      });
    }
    const last = rows[rows.length - 1];
    return {
      items,
      nextCursor:
        rows.length === options.limit && last
          ? encodeCursor({
              entityRef: last.entityRef,
              runbookId: last.runbook.id,
            })
          : undefined,
    };
  }

  /**
   * The runbooks that answer an alert, through the alert index (exact names
   * first, then `*` patterns), limited to entities the caller may read and
   * narrowed by `entity=` or alert labels. Alerts a rule file defines without
   * a runbook come back in `definedBy`.
   */
  async lookupAlert(
    alert: string,
    query: Record<string, string>,
    credentials: BackstageCredentials,
  ): Promise<AlertLookup> {
    const lookupKey = `${callerKey(credentials)}|${alert}|${JSON.stringify(
      Object.entries(query).sort(),
    )}`;
    const cached = this.lookups.get(lookupKey);
    if (cached?.localWrites === this.localWrites) return cached.answer;
    const localWrites = this.localWrites;
    const answer = await this.findRunbooksForAlert(alert, query, credentials);
    this.lookups.set(lookupKey, { answer, localWrites });
    return answer;
  }

  private async findRunbooksForAlert(
    alert: string,
    query: Record<string, string>,
    credentials: BackstageCredentials,
  ): Promise<AlertLookup> {
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
    const readable = await this.readableRefs(refs, credentials);
    const matches: AlertLookup['matches'] = [];
    const definedBy: AlertLookup['definedBy'] = [];
    const seen = new Set<string>();
    for (const row of rows.filter(r => readable.has(r.entityRef))) {
      const summary = await this.summaryAt(row.entityRef, row.entityVersion);
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
      const reviews = await this.reviewsAt(row.entityRef, row.reviewsVersion);
      const runbook = this.present(
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

  /**
   * Records that the calling user re-read a runbook. Allowed by the
   * `runbooks.review.create` permission on the entity; answers the runbook
   * with its new status.
   */
  async recordReview(
    ref: CompoundEntityRef,
    runbookId: string,
    note: string | undefined,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<{ runbook: Runbook; review: RunbookReview }> {
    const { entity, key } = await this.readableEntity(ref, credentials);
    const summary =
      (await this.deps.store.getEntity(key)) ??
      (await this.deps.refresher.refreshEntity(entity));
    const stored = summary.runbooks.find(r => r.id === runbookId);
    if (!stored) {
      throw new NotFoundError(`${key} has no runbook with id "${runbookId}"`);
    }
    if (stored.missing) {
      throw new ConflictError(
        `${stored.path} is listed in the runbook index but does not exist; write it before marking it as reviewed`,
      );
    }
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: runbooksReviewCreatePermission, resourceRef: key }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      const owner = summary.owner ? ` (${summary.owner})` : '';
      throw new NotAllowedError(
        `Only members of the group that owns ${key}${owner} may mark its runbooks as reviewed`,
      );
    }
    const review: RunbookReview = {
      reviewer: credentials.principal.userEntityRef,
      reviewedAt: (this.deps.now?.() ?? new Date()).toISOString(),
      ...(note?.trim() ? { note: note.trim() } : {}),
      ...(stored.contentHash ? { contentHash: stored.contentHash } : {}),
    };
    await this.deps.store.addReview(key, runbookId, review);
    this.localWrites++;
    return {
      runbook: this.present(
        getCompoundEntityRef(entity),
        summary,
        stored,
        review,
      ),
      review,
    };
  }

  /** A runbook's review history, newest first. */
  async listReviews(
    ref: CompoundEntityRef,
    runbookId: string,
    credentials: BackstageCredentials,
  ): Promise<{ reviews: RunbookReview[] }> {
    const { key } = await this.readableEntity(ref, credentials);
    return {
      reviews: await this.deps.store.listReviews(key, runbookId),
    };
  }

  /**
   * Coverage across the catalog, as far as the caller may read it: every
   * entity with runbooks and their status, components without runbooks, and
   * alerts that no runbook answers.
   */
  async report(credentials: BackstageCredentials): Promise<RunbooksReport> {
    const [stored, reviews] = await Promise.all([
      this.deps.store.listEntities(),
      this.deps.store.latestReviewsOfAll(),
    ]);
    const readable = new Set<string>();
    const REFS_PER_CALL = 500;
    for (let i = 0; i < stored.length; i += REFS_PER_CALL) {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        {
          entityRefs: stored.slice(i, i + REFS_PER_CALL).map(e => e.entityRef),
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials },
      );
      items.forEach(item => item && readable.add(entityKey(item)));
    }
    const entities: RunbooksReport['entities'] = stored
      .filter(entity => readable.has(entity.entityRef))
      .map(entity => {
        const runbooks = entity.runbooks.map(runbook =>
          this.present(
            parseEntityRef(entity.entityRef),
            entity,
            runbook,
            reviews.get(`${entity.entityRef}|${runbook.id}`),
          ),
        );
        return {
          entityRef: entity.entityRef,
          entityTitle: entity.entityTitle,
          owner: entity.owner,
          hasRunbooks: true,
          runbooks,
          standards: sumStandards(runbooks),
          alerts: entity.alerts.length,
          alertsWithoutRunbook: (entity.alertsWithoutRunbook ?? []).map(
            a => a.alert,
          ),
        };
      });
    const { items: components } = await this.deps.catalog.getEntities(
      {
        filter: { kind: 'component' },
        fields: ['kind', 'metadata', 'spec.owner'],
      },
      { credentials },
    );
    const storedRefs = new Set(stored.map(e => e.entityRef));
    for (const component of components) {
      const key = entityKey(component);
      if (storedRefs.has(key)) continue;
      const owner = component.spec?.owner;
      entities.push({
        entityRef: key,
        entityTitle: component.metadata.title ?? component.metadata.name,
        owner: typeof owner === 'string' ? owner : undefined,
        hasRunbooks: false,
        runbooks: [],
        alerts: 0,
        alertsWithoutRunbook: [],
      });
    }
    const all = entities.flatMap(e => e.runbooks);
    const count = (status: string) =>
      all.filter(r => !r.missing && r.status === status).length;
    return {
      totals: {
        entities: entities.length,
        withRunbooks: entities.filter(e => e.runbooks.some(r => !r.missing))
          .length,
        runbooks: all.filter(r => !r.missing).length,
        fresh: count('fresh'),
        dueSoon: count('due-soon'),
        stale: count('stale'),
        neverReviewed: count('never-reviewed'),
        missing: all.filter(r => r.missing).length,
        alerts: entities.reduce(
          (sum, e) => sum + e.alerts + e.alertsWithoutRunbook.length,
          0,
        ),
        alertsWithoutRunbook: entities.reduce(
          (sum, e) => sum + e.alertsWithoutRunbook.length,
          0,
        ),
      },
      entities,
    };
  }

  /**
   * Re-reads an entity's runbooks now, if the caller may read the entity and
   * it was not refreshed on request within `runbooks.refreshCooldown` (each
   * refresh downloads its sources with the integration's token); otherwise
   * says when to come back.
   */
  async refresh(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<
    | {
        entityRef: string;
        runbooks: number;
        problems: RunbookProblem[];
        refreshedAt: string;
      }
    | { retryAfterSeconds: number; message: string }
  > {
    const { entity, key } = await this.readableEntity(ref, credentials);
    const nowMs = this.nowMs();
    const last = this.manualRefreshes.get(key);
    const cooldownMs = this.deps.config.refreshCooldownMs;
    if (last !== undefined && nowMs - last < cooldownMs) {
      const retryAfterSeconds = Math.ceil((last + cooldownMs - nowMs) / 1000);
      return {
        retryAfterSeconds,
        message: `${key} was refreshed less than ${Math.ceil(
          cooldownMs / 1000,
        )} s ago; try again in ${retryAfterSeconds} s (runbooks.refreshCooldown)`,
      };
    }
    this.manualRefreshes.set(key, nowMs);
    const snapshot = await this.deps.refresher.refreshEntity(entity);
    this.localWrites++;
    return {
      entityRef: snapshot.entityRef,
      runbooks: snapshot.runbooks.length,
      problems: snapshot.problems,
      refreshedAt: snapshot.refreshedAt,
    };
  }

  /** Which of these entities the caller may read, reused for a few seconds. */
  private async readableRefs(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    if (!refs.length) return new Set();
    const cacheKey = `${callerKey(credentials)}|${[...refs].sort().join(',')}`;
    const cached = this.readableSets.get(cacheKey);
    if (cached) return cached;
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    const readable = new Set<string>();
    items.forEach(item => item && readable.add(entityKey(item)));
    this.readableSets.set(cacheKey, readable);
    return readable;
  }

  private async readableEntity(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<{ entity: Entity; key: string }> {
    const cacheKey = `${callerKey(credentials)}|${ref.kind}:${ref.namespace}/${
      ref.name
    }`;
    const cached = this.readable.get(cacheKey);
    if (cached) return cached;
    const key = entityKey(ref);
    const entity = await this.deps.catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(
        `No entity ${key} in the catalog, or you may not read it`,
      );
    }
    if (!entity.metadata.annotations?.[RUNBOOKS_LOCATION_ANNOTATION]) {
      throw new NotFoundError(
        `${key} has no ${RUNBOOKS_LOCATION_ANNOTATION} annotation, so it has no runbooks`,
      );
    }
    const readable = { entity, key: entityKey(entity) };
    this.readable.set(cacheKey, readable);
    return readable;
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

  private nowMs(): number {
    return (this.deps.now?.() ?? new Date()).getTime();
  }

  private present(
    ref: CompoundEntityRef,
    entity: Pick<EntitySummary, 'reviewInterval'>,
    runbook: Omit<StoredRunbook, 'markdown' | 'headings'>,
    review?: RunbookReview,
  ): Runbook {
    return presentRunbook({
      config: this.deps.config,
      ref,
      entity,
      runbook,
      review,
      now: this.deps.now?.() ?? new Date(),
    });
  }
}
