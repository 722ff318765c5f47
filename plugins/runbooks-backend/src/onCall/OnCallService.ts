import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityOnCall,
  EscalationLevel,
  parseEscalationAnnotation,
  parseOnCallAnnotation,
  RUNBOOKS_ESCALATION_ANNOTATION,
  RUNBOOKS_ON_CALL_ANNOTATION,
  RunbookProblem,
  Severity,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import {
  OnCallAnswer,
  OnCallProvider,
} from '@runbooks-for-backstage/plugin-runbooks-node';
import { entityKey } from '../service/entityRefs';
import { SnapshotStore } from '../database/RunbooksStore';
import { resolveContacts } from './resolveEscalation';

const BUILT_IN_PROVIDERS = ['schedule', 'pagerduty', 'opsgenie'];
const CONFIG_KEYS: Record<string, string> = {
  pagerduty: 'runbooks.onCall.pagerduty',
  opsgenie: 'runbooks.onCall.opsgenie',
};
const MAX_CACHE_ENTRIES = 5_000;

type CacheEntry =
  | { expires: number; answer: OnCallAnswer }
  | { expires: number; error: Error };

/**
 * Answers `GET /entities/:namespace/:kind/:name/on-call`: the entity's
 * escalation with contacts resolved through the catalog, and who is on call
 * now from the provider it names. Provider answers are cached briefly per
 * entity and provider; while a provider fails, the answer says since when.
 */
export class OnCallService {
  private readonly providers: Map<string, OnCallProvider>;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly failingSince = new Map<string, Date>();

  constructor(
    private readonly deps: {
      catalog: Pick<CatalogService, 'getEntityByRef' | 'getEntitiesByRefs'>;
      providers: OnCallProvider[];
      logger: LoggerService;
      /** Default severity ladder (`runbooks.severities`). */
      severities: Severity[];
      /** Where the entity's runbook index ladder and escalation are stored, when it has runbooks. */
      store?: Pick<SnapshotStore, 'getEntity'>;
      now?: () => Date;
      /** How long an answer is reused. Default 60 s. */
      cacheTtlMs?: number;
      /** How long a failure is reused before the provider is asked again. Default 15 s. */
      failureTtlMs?: number;
      /** Longest a provider may take in all. Default 15 s. */
      timeoutMs?: number;
    },
  ) {
    this.providers = new Map(deps.providers.map(p => [p.id, p]));
  }

  /** The ids of the providers in use, for logs. */
  providerIds(): string[] {
    return [...this.providers.keys()];
  }

  async getOnCall(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityOnCall> {
    const { catalog } = this.deps;
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(
        `No entity ${entityKey(ref)} in the catalog, or you may not read it`,
      );
    }
    const now = this.deps.now?.() ?? new Date();
    const key = entityKey(entity);
    const annotations = entity.metadata.annotations ?? {};
    const problems: RunbookProblem[] = [];

    const stored = await this.deps.store?.getEntity(key);
    const declared = parseEscalationAnnotation(
      annotations[RUNBOOKS_ESCALATION_ANNOTATION],
    );
    problems.push(...declared.problems);

    const source = this.selectProvider(entity, problems);
    let answer: OnCallAnswer | undefined;
    let unreachableSince: Date | undefined;
    if (source) {
      const result = await this.ask(
        source.provider,
        entity,
        source.target,
        now,
      );
      if ('error' in result) {
        unreachableSince = result.since;
      } else {
        answer = result.answer;
        problems.push(...(answer.problems ?? []));
      }
    }

    let escalation: EscalationLevel[] = declared.value;
    if (!escalation.length) escalation = stored?.escalation ?? [];
    if (!escalation.length) escalation = answer?.escalation ?? [];
    const onCallNow = answer?.onCall ?? [];

    const resolved = await resolveContacts(
      [
        ...escalation.map(level => ({
          contacts: level.contacts,
          label: 'Escalation contact',
        })),
        ...onCallNow.map(shift => ({
          contacts: shift.contacts,
          label: 'On-call member',
        })),
        ...onCallNow.map(shift => ({
          contacts: shift.next ?? [],
          label: 'On-call member',
        })),
      ],
      catalog,
      credentials,
    );
    problems.push(...resolved.problems);
    const at = (index: number) => resolved.lists[index];
    const n = escalation.length;
    const m = onCallNow.length;

    return {
      entityRef: key,
      escalation: escalation.map((level, i) => ({
        ...level,
        contacts: at(i),
      })),
      onCallNow: onCallNow.map((shift, i) => ({
        ...shift,
        contacts: at(n + i),
        ...(shift.next ? { next: at(n + m + i) } : {}),
      })),
      provider: source?.provider.id,
      ...(unreachableSince
        ? { unreachableSince: unreachableSince.toISOString() }
        : {}),
      severities: stored?.severities ?? this.deps.severities,
      problems,
    };
  }

  /**
   * `runbooks/on-call: <id>:<target>` naming any installed provider; else the
   * built-in forms and the PagerDuty and Opsgenie annotations; else a provider
   * that finds its own annotation on the entity.
   */
  private selectProvider(
    entity: Entity,
    problems: RunbookProblem[],
  ): { provider: OnCallProvider; target: string } | undefined {
    const annotations = entity.metadata.annotations ?? {};
    const value = annotations[RUNBOOKS_ON_CALL_ANNOTATION]?.trim();
    const named = value ? /^([a-z][\w-]*):\s*(.+)$/i.exec(value) : null;
    if (named && !BUILT_IN_PROVIDERS.includes(named[1])) {
      const provider = this.providers.get(named[1]);
      if (provider) return { provider, target: named[2].trim() };
    }
    const parsed = parseOnCallAnnotation(annotations);
    if (parsed.problems.length) {
      problems.push(...parsed.problems);
      return undefined;
    }
    if (parsed.value) {
      const provider = this.providers.get(parsed.value.provider);
      if (provider) return { provider, target: parsed.value.target };
      if (!BUILT_IN_PROVIDERS.includes(parsed.value.provider)) {
        // Only `runbooks/on-call` names providers other than the built-in ones.
        problems.push({
          level: 'error',
          subject: RUNBOOKS_ON_CALL_ANNOTATION,
          message: `${RUNBOOKS_ON_CALL_ANNOTATION} is "${value}", but no on-call provider '${
            parsed.value.provider
          }' is installed in this Backstage (installed: ${
            this.providerIds().join(', ') || 'none'
          }); add the backend module that provides it`,
        });
        return undefined;
      }
      const configKey = CONFIG_KEYS[parsed.value.provider];
      problems.push({
        level: value ? 'error' : 'warning',
        subject: RUNBOOKS_ON_CALL_ANNOTATION,
        message: value
          ? `${RUNBOOKS_ON_CALL_ANNOTATION} names ${
              parsed.value.provider
            }, but ${
              configKey ?? 'that provider'
            } is not configured in this Backstage`
          : `The entity has a ${parsed.value.provider} annotation, but ${configKey} is not configured in this Backstage, so who is on call is not shown`,
      });
      return undefined;
    }
    for (const provider of this.providers.values()) {
      const target = provider.targetOf?.(entity);
      if (target) return { provider, target };
    }
    return undefined;
  }

  /** The provider's answer, from the cache when fresh; failures are remembered from their first occurrence. */
  private async ask(
    provider: OnCallProvider,
    entity: Entity,
    target: string,
    now: Date,
  ): Promise<{ answer: OnCallAnswer } | { error: Error; since: Date }> {
    const failureKey = `${provider.id}\u0000${target}`;
    const cacheKey = `${entityKey(entity)}\u0000${failureKey}`;
    const cached = this.cache.get(cacheKey);
    if (cached && cached.expires > now.getTime()) {
      if ('answer' in cached) return { answer: cached.answer };
      return {
        error: cached.error,
        since: this.failingSince.get(failureKey) ?? now,
      };
    }
    const timeoutMs = this.deps.timeoutMs ?? 15_000;
    try {
      const signal = AbortSignal.timeout(timeoutMs);
      const answer = await Promise.race([
        provider.getOnCall({ entity, target, now, signal }),
        new Promise<never>((_, reject) =>
          signal.addEventListener('abort', () =>
            reject(
              new Error(
                `on-call provider ${provider.id} gave no answer within ${
                  timeoutMs / 1000
                } s`,
              ),
            ),
          ),
        ),
      ]);
      this.failingSince.delete(failureKey);
      this.remember(now, cacheKey, {
        expires: Math.min(
          now.getTime() + (this.deps.cacheTtlMs ?? 60_000),
          ...answer.onCall.flatMap(shift =>
            shift.until ? [Date.parse(shift.until)] : [],
          ),
        ),
        answer,
      });
      return { answer };
    } catch (error) {
      const since = this.failingSince.get(failureKey) ?? now;
      this.failingSince.set(failureKey, since);
      this.deps.logger.warn(
        `On-call provider ${provider.id} failed for ${entityKey(
          entity,
        )} (unreachable since ${since.toISOString()}): ${
          (error as Error).message
        }`,
      );
      this.remember(now, cacheKey, {
        expires: now.getTime() + (this.deps.failureTtlMs ?? 15_000),
        error: error as Error,
      });
      return { error: error as Error, since };
    }
  }

  private remember(now: Date, key: string, entry: CacheEntry) {
    if (this.cache.size >= MAX_CACHE_ENTRIES) {
      for (const [k, v] of this.cache) {
        if (v.expires <= now.getTime()) this.cache.delete(k);
      }
      if (this.cache.size >= MAX_CACHE_ENTRIES) this.cache.clear();
    }
    this.cache.set(key, entry);
  }
}
