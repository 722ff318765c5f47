import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  EntityRunbooks,
  Runbook,
  RunbookDetail,
  RunbookProblem,
  RUNBOOKS_LOCATION_ANNOTATION,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { RunbooksConfig } from '../config';
import { ReviewStore, SnapshotStore } from '../database/RunbooksStore';
import { ttlCache } from './caches';
import { CALLER_CACHE_MS, CatalogAccess, callerKey } from './CatalogAccess';
import { presentRunbook } from './presentRunbook';
import { presentEntityStandards } from './presentStandards';
import { RunbooksRefresher } from './RunbooksRefresher';
import { EntitySummary, RunbookReview, StoredRunbook } from './types';

/**
 * How long an answer is served from memory without asking the database
 * whether the entity changed: the most a review or refresh made on another
 * replica can take to show here. Writes through this replica show at once.
 */
export const UNCHECKED_REUSE_MS = 1_000;

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

/**
 * The stored entities as the API shows them: each summary parsed once per
 * version and shared by every caller, reviews read again only when a new one
 * is recorded, and review status computed now.
 */
export class EntityReadModel {
  // Answers are reused only while the entity's version (refresh, reviews)
  // is unchanged, which one indexed read tells, on every replica; the time
  // to live bounds how late a status turns at its due date.
  private readonly entityAnswers = ttlCache<{
    version: string;
    answer: EntityRunbooks;
    checkedAt: number;
    localWrites: number;
  }>({ ttlMs: CALLER_CACHE_MS, max: 10_000 });
  private readonly summaries = ttlCache<{
    version: string;
    summary: EntitySummary;
  }>({ ttlMs: 10 * 60_000, max: 2_000 });
  private readonly reviews = ttlCache<{
    version: number;
    reviews: Map<string, RunbookReview>;
  }>({ ttlMs: 10 * 60_000, max: 2_000 });
  private writes = 0;

  constructor(
    private readonly deps: {
      store: Pick<
        SnapshotStore,
        'getEntity' | 'getEntityVersion' | 'getRunbook'
      > &
        Pick<ReviewStore, 'latestReviews'>;
      refresher: Pick<RunbooksRefresher, 'refreshEntity'>;
      catalog: CatalogAccess;
      config: RunbooksConfig;
      now?: () => Date;
    },
  ) {}

  /** Reviews and refreshes made through this replica, so far. */
  get localWrites(): number {
    return this.writes;
  }

  /** Counts a review or refresh made through this replica: answers kept in memory are stale. */
  noteLocalWrite(): void {
    this.writes++;
  }

  async getEntityRunbooks(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityRunbooks> {
    const { entity, key } = await this.deps.catalog.readableEntity(
      ref,
      credentials,
    );
    const answerKey = `${callerKey(credentials)}|${key}`;
    const cached = this.entityAnswers.get(answerKey);
    const nowMs = this.nowMs();
    if (
      cached?.localWrites === this.writes &&
      nowMs - cached.checkedAt < UNCHECKED_REUSE_MS
    ) {
      return cached.answer;
    }
    const localWrites = this.writes;
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
    const escalation = await this.deps.catalog.escalation(summary, credentials);
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

  async getRunbook(
    ref: CompoundEntityRef,
    runbookId: string,
    credentials: BackstageCredentials,
  ): Promise<RunbookDetail> {
    const { entity, key } = await this.deps.catalog.readableEntity(
      ref,
      credentials,
    );
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

  /** The entity's newest review per runbook, read again when `version` moves. */
  async reviewsAt(
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
  async summaryAt(
    entityRef: string,
    version: string,
  ): Promise<EntitySummary | undefined> {
    const cached = this.summaries.get(entityRef);
    if (cached?.version === version) return cached.summary;
    const summary = await this.deps.store.getEntity(entityRef);
    if (summary) this.summaries.set(entityRef, { version, summary });
    return summary;
  }

  /** A stored runbook as the API shows it, with its review status now. */
  present(
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

  nowMs(): number {
    return (this.deps.now?.() ?? new Date()).getTime();
  }
}
