import { computeReviewStatus, parseReviewDate } from './review';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('parseReviewDate', () => {
  it.each([
    ['2024-12-01', '2024-12-01T00:00:00.000Z'],
    ['2026-11-02T09:30:00Z', '2026-11-02T09:30:00.000Z'],
    ['2024-12', '2024-12-01T00:00:00.000Z'],
    ['December 2024', '2024-12-01T00:00:00.000Z'],
    ['Dec 2024', '2024-12-01T00:00:00.000Z'],
    ['sept. 2025', '2025-09-01T00:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseReviewDate(text)?.toISOString()).toBe(iso);
  });

  it.each(['2024-02-30', 'soon', 'Smarch 2024', '', '13/01/2024'])(
    'refuses %s',
    text => {
      expect(parseReviewDate(text)).toBeUndefined();
    },
  );
});

describe('computeReviewStatus', () => {
  const base = { interval: { days: 90 }, dueSoonWindow: { days: 14 } };

  it('is never-reviewed without any date', () => {
    expect(
      computeReviewStatus({ ...base, now: day('2026-11-23') }).status,
    ).toBe('never-reviewed');
  });

  it('moves from fresh to due-soon to stale as the due date nears and passes', () => {
    const lastReviewed = day('2026-01-01'); // due 2026-04-01
    const at = (iso: string) =>
      computeReviewStatus({ ...base, lastReviewed, now: day(iso) }).status;
    expect(at('2026-03-17')).toBe('fresh');
    expect(at('2026-03-18')).toBe('due-soon');
    expect(at('2026-03-31')).toBe('due-soon');
    expect(at('2026-04-01')).toBe('stale');
  });

  it('lets a stated next review win over the interval', () => {
    const result = computeReviewStatus({
      ...base,
      lastReviewed: day('2026-01-01'),
      nextReview: day('2027-01-01'),
      now: day('2026-06-01'),
    });
    expect(result).toEqual({ status: 'fresh', due: day('2027-01-01') });
  });
});
