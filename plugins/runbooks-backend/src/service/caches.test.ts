import { ttlCache } from './caches';

describe('ttlCache', () => {
  it('forgets entries after their time to live, and the oldest beyond its size', () => {
    // A real clock: lru-cache takes a start time of 0 for no time at all.
    const start = 1_000_000;
    let now = start;
    const cache = ttlCache<string>({
      ttlMs: 1000,
      max: 2,
      now: () => now,
    });
    cache.set('a', 'A');
    cache.set('b', 'B');
    expect(cache.get('a')).toBe('A');
    now = start + 999;
    expect(cache.get('b')).toBe('B');
    now = start + 1000;
    expect(cache.get('a')).toBeUndefined();
    cache.set('c', 'C');
    cache.set('d', 'D');
    cache.set('e', 'E');
    expect([cache.get('c'), cache.get('d'), cache.get('e')]).toEqual([
      undefined,
      'D',
      'E',
    ]);
  });
});
