import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CatalogFiring,
  EntityFiring,
  FiringState,
  RunbookProblem,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { entityKey } from '../service/entityRefs';
import { ttlCache } from '../service/caches';
import { AlertmanagerPoller } from './AlertmanagerPoller';
import { FiringReadModel } from './FiringReadModel';

/** How long a caller's read check over the firing entities is reused. */
const READABLE_CACHE_MS = 5_000;
const REFS_PER_CALL = 500;

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

/**
 * The firing answers, from the read model; what a caller may see is decided
 * the way the entity answer decides it.
 */
export class FiringAnswers {
  private readonly readable = ttlCache<Set<string>>({
    ttlMs: READABLE_CACHE_MS,
    max: 10_000,
  });
  // The same answer object for every caller until the next poll, so that the
  // router serializes it once.
  private readonly entityAnswers = ttlCache<{
    stamp: string;
    answer: EntityFiring;
  }>({ ttlMs: 60_000, max: 10_000 });
  private readonly catalogAnswers = ttlCache<{
    stamp: string;
    answer: CatalogFiring;
  }>({ ttlMs: READABLE_CACHE_MS, max: 10_000 });

  private stamp(): string {
    return `${this.deps.model?.version}|${this.deps.poller?.status().polledAt}`;
  }

  constructor(
    private readonly deps: {
      poller?: AlertmanagerPoller;
      model?: FiringReadModel;
      catalog: CatalogService;
      /**
       * The entity answer's read check: throws NotFoundError when the caller
       * may not read the entity or it has no runbooks; gives its ref.
       */
      authorizeEntity(
        ref: CompoundEntityRef,
        credentials: BackstageCredentials,
      ): Promise<string>;
    },
  ) {}

  private state(): FiringState {
    const { poller } = this.deps;
    if (!poller) return { configured: false, alertmanagers: [], problems: [] };
    const snapshot = poller.status();
    const problems: RunbookProblem[] = snapshot.statuses
      .filter(s => !s.reachable && s.unreachableSince)
      .map(s => ({
        level: 'error',
        subject: `alertmanager:${s.name}`,
        message: `Alertmanager ${s.name} unreachable since ${
          s.unreachableSince
        }: ${
          s.lastSuccessAt
            ? `showing the alerts it reported at ${s.lastSuccessAt}`
            : 'none of its alerts are shown'
        } (${s.error})`,
      }));
    return {
      configured: true,
      alertmanagers: snapshot.statuses,
      problems,
      polledAt: snapshot.polledAt,
    };
  }

  async entity(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityFiring> {
    const state = this.state();
    if (!state.configured || !this.deps.model) {
      return { ...state, entityRef: entityKey(ref), alerts: [] };
    }
    const entityRef = await this.deps.authorizeEntity(ref, credentials);
    const stamp = this.stamp();
    const cached = this.entityAnswers.get(entityRef);
    if (cached?.stamp === stamp) return cached.answer;
    const firing = this.deps.model.entity(entityRef);
    const answer = {
      ...state,
      problems: [...state.problems, ...(firing?.problems ?? [])],
      entityRef,
      alerts: firing?.alerts ?? [],
    };
    this.entityAnswers.set(entityRef, { stamp, answer });
    return answer;
  }

  async catalog(
    credentials: BackstageCredentials,
    filter: { alertname?: string } = {},
  ): Promise<CatalogFiring> {
    const state = this.state();
    const { model } = this.deps;
    if (!state.configured || !model) {
      return { ...state, entities: [], unattributed: [] };
    }
    const readable = await this.readableRefs(model, credentials);
    const answerKey = `${callerKey(credentials)}|${filter.alertname ?? ''}`;
    const stamp = this.stamp();
    const cached = this.catalogAnswers.get(answerKey);
    if (cached?.stamp === stamp) return cached.answer;
    const keep = <T extends { alertname: string }>(alerts: T[]) =>
      filter.alertname
        ? alerts.filter(a => a.alertname === filter.alertname)
        : alerts;
    const entities = model
      .allEntities()
      .filter(e => readable.has(e.entityRef))
      .map(e => ({
        entityRef: e.entityRef,
        entityTitle: e.entityTitle,
        owner: e.owner,
        alerts: keep(e.alerts),
      }))
      .filter(e => e.alerts.length);
    const answer = {
      ...state,
      entities,
      unattributed: keep(model.unattributed()),
    };
    this.catalogAnswers.set(answerKey, { stamp, answer });
    return answer;
  }

  private async readableRefs(
    model: FiringReadModel,
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const key = `${callerKey(credentials)}|${model.version}`;
    const cached = this.readable.get(key);
    if (cached) return cached;
    const refs = model
      .allEntities()
      .filter(e => e.alerts.length)
      .map(e => e.entityRef);
    const readable = new Set<string>();
    for (let i = 0; i < refs.length; i += REFS_PER_CALL) {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        {
          entityRefs: refs.slice(i, i + REFS_PER_CALL),
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials },
      );
      items.forEach(item => item && readable.add(entityKey(item)));
    }
    this.readable.set(key, readable);
    return readable;
  }
}
