import { TtlCache } from './TtlCache';

describe('TtlCache', () => {
  it('forgets entries after their time to live, and the oldest beyond its size', () => {
    let now = 0;
    const cache = new TtlCache<string>({
      ttlMs: 1000,
      maxEntries: 2,
      now: () => now,
    });
    cache.set('a', 'A');
    cache.set('b', 'B');
    expect(cache.get('a')).toBe('A');
    now = 999;
    expect(cache.get('b')).toBe('B');
    now = 1000;
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
