import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  getCompoundEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AlertLookup,
  EntityRunbooks,
  Runbook,
  RunbookDetail,
  RunbookDocument,
  RunbooksReport,
  RunbooksReportPage,
  RunbooksReportQuery,
  runbooksReviewCreatePermission,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { RunbooksConfig } from '../config';
import {
  ReportStore,
  ReviewStore,
  SnapshotStore,
} from '../database/RunbooksStore';
import { AlertRunbookLookup } from './AlertRunbookLookup';
import { ttlCache } from './caches';
import { CatalogAccess } from './CatalogAccess';
import { buildCoverageReport } from './coverageReport';
import { buildCoverageReportPage } from './coveragePage';
import { ReportRowsCache } from './reportRowsCache';
import { EntityReadModel } from './EntityReadModel';
import { RunbooksRefresher } from './RunbooksRefresher';
import { RefreshAnswer, RunbooksService } from './RunbooksService';
import { listSearchDocuments } from './searchDocuments';
import { RunbookReview } from './types';

/**
 * The plugin's `RunbooksService`: reads go through the entity read model and
 * the alert lookup; reviews and refreshes are recorded here.
 */
export class DefaultRunbooksService implements RunbooksService {
  private readonly catalog: CatalogAccess;
  private readonly readModel: EntityReadModel;
  private readonly alerts: AlertRunbookLookup;
  private readonly reportRows: ReportRowsCache;
  /** When each entity was last refreshed on request, for the cooldown. */
  private readonly manualRefreshes: ReturnType<typeof ttlCache<number>>;

  constructor(
    private readonly deps: {
      store: SnapshotStore & ReviewStore & ReportStore;
      refresher: Pick<RunbooksRefresher, 'refreshEntity'>;
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
      config: RunbooksConfig;
      now?: () => Date;
    },
  ) {
    this.catalog = new CatalogAccess(deps.catalog);
    this.reportRows = new ReportRowsCache({
      store: deps.store,
      dueSoonWindow: deps.config.dueSoonWindow,
    });
    this.readModel = new EntityReadModel({ ...deps, catalog: this.catalog });
    this.alerts = new AlertRunbookLookup({
      store: deps.store,
      catalog: this.catalog,
      readModel: this.readModel,
    });
    this.manualRefreshes = ttlCache<number>({
      ttlMs: 24 * 60 * 60_000,
      max: 10_000,
      now: () => this.readModel.nowMs(),
    });
  }

  getEntityRunbooks(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityRunbooks> {
    return this.readModel.getEntityRunbooks(ref, credentials);
  }

  getRunbook(
    ref: CompoundEntityRef,
    runbookId: string,
    credentials: BackstageCredentials,
  ): Promise<RunbookDetail> {
    return this.readModel.getRunbook(ref, runbookId, credentials);
  }

  listDocuments(options: { after?: string; limit: number }): Promise<{
    items: RunbookDocument[];
    nextCursor?: string;
  }> {
    return listSearchDocuments(
      { store: this.deps.store, readModel: this.readModel },
      options,
    );
  }

  lookupAlert(
    alert: string,
    query: Record<string, string>,
    credentials: BackstageCredentials,
  ): Promise<AlertLookup> {
    return this.alerts.lookupAlert(alert, query, credentials);
  }

  report(credentials: BackstageCredentials): Promise<RunbooksReport> {
    return buildCoverageReport(
      {
        store: this.deps.store,
        catalog: this.catalog,
        readModel: this.readModel,
      },
      credentials,
    );
  }

  reportPage(
    query: RunbooksReportQuery,
    credentials: BackstageCredentials,
  ): Promise<RunbooksReportPage> {
    return buildCoverageReportPage(
      {
        store: this.deps.store,
        rows: this.reportRows,
        catalog: this.catalog,
        readModel: this.readModel,
        now: this.deps.now?.() ?? new Date(),
      },
      query,
      credentials,
    );
  }

  async recordReview(
    ref: CompoundEntityRef,
    runbookId: string,
    note: string | undefined,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<{ runbook: Runbook; review: RunbookReview }> {
    const { entity, key } = await this.catalog.readableEntity(ref, credentials);
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
      reviewedAt: new Date(this.readModel.nowMs()).toISOString(),
      ...(note?.trim() ? { note: note.trim() } : {}),
      ...(stored.contentHash ? { contentHash: stored.contentHash } : {}),
    };
    await this.deps.store.addReview(key, runbookId, review);
    this.readModel.noteLocalWrite();
    return {
      runbook: this.readModel.present(
        getCompoundEntityRef(entity),
        summary,
        stored,
        review,
      ),
      review,
    };
  }

  async listReviews(
    ref: CompoundEntityRef,
    runbookId: string,
    credentials: BackstageCredentials,
  ): Promise<{ reviews: RunbookReview[] }> {
    const { key } = await this.catalog.readableEntity(ref, credentials);
    return {
      reviews: await this.deps.store.listReviews(key, runbookId),
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
  ): Promise<RefreshAnswer> {
    const { entity, key } = await this.catalog.readableEntity(ref, credentials);
    const nowMs = this.readModel.nowMs();
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
    this.readModel.noteLocalWrite();
    return {
      entityRef: snapshot.entityRef,
      runbooks: snapshot.runbooks.length,
      problems: snapshot.problems,
      refreshedAt: snapshot.refreshedAt,
    };
  }
}
