import { formatDate, relativeTime } from './relativeTime';

describe('relativeTime', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it('describes past and future times in words', () => {
    expect(relativeTime('2026-03-10T11:55:00Z', now)).toBe('5 minutes ago');
    expect(relativeTime('2026-03-13T12:00:00Z', now)).toBe('in 3 days');
    expect(relativeTime('2026-03-10T11:59:50Z', now)).toBe('just now');
    expect(relativeTime('not a date', now)).toBeUndefined();
  });

  it('formats review dates without shifting the day', () => {
    expect(formatDate('2024-01-02')).toBe('2 Jan 2024');
    expect(formatDate('soon')).toBe('soon');
  });
});
