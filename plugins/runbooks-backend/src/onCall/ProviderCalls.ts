import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  OnCallAnswer,
  OnCallProvider,
} from '@runbooks-for-backstage/plugin-runbooks-node';
import { entityKey } from '../service/entityRefs';

const MAX_CACHE_ENTRIES = 5_000;

type CacheEntry =
  | { expires: number; answer: OnCallAnswer }
  | { expires: number; error: Error };

/**
 * Calls to on-call providers, each bounded in time. Answers are reused per
 * entity and provider until the first shift ends or the time to live passes;
 * a failure is reused briefly and remembered from its first occurrence, so
 * the answer can say since when the provider is unreachable.
 */
export class ProviderCalls {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly failingSince = new Map<string, Date>();

  constructor(
    private readonly options: {
      logger: LoggerService;
      /** How long an answer is reused. Default 60 s. */
      cacheTtlMs?: number;
      /** How long a failure is reused before the provider is asked again. Default 15 s. */
      failureTtlMs?: number;
      /** Longest a provider may take in all. Default 15 s. */
      timeoutMs?: number;
    },
  ) {}

  /** The provider's answer, from the cache when fresh; failures are remembered from their first occurrence. */
  async ask(
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
    const timeoutMs = this.options.timeoutMs ?? 15_000;
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
          now.getTime() + (this.options.cacheTtlMs ?? 60_000),
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
      this.options.logger.warn(
        `On-call provider ${provider.id} failed for ${entityKey(
          entity,
        )} (unreachable since ${since.toISOString()}): ${
          (error as Error).message
        }`,
      );
      this.remember(now, cacheKey, {
        expires: now.getTime() + (this.options.failureTtlMs ?? 15_000),
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
