import { LRUCache } from 'lru-cache';

/**
 * A cache whose entries expire `ttlMs` after they were set, bounded to `max` entries (the
 * least recently used out first). Used to answer repeated requests of the
 * same caller without asking the catalog every time; a revoked permission
 * takes effect within the time to live.
 */
export function ttlCache<V extends {}>(options: {
  ttlMs: number;
  max: number;
  /** A clock in milliseconds, for tests; defaults to `Date.now`. */
  now?: () => number;
}): LRUCache<string, V> {
  const now = options.now ?? Date.now;
  return new LRUCache<string, V>({
    max: options.max,
    // lru-cache keeps an entry while its age is not over `ttl`; here an
    // entry set at t is gone at t + ttlMs, as callers count on.
    ttl: Math.max(1, options.ttlMs - 1),
    // Read the clock on every lookup: a cached reading would let an entry
    // outlive its time to live when the clock is moved in tests.
    ttlResolution: 0,
    perf: { now },
  });
}
