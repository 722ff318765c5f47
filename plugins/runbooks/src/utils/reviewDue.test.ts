import { reviewDueDate } from './reviewDue';

describe('reviewDueDate', () => {
  it('prefers the stated next review', () => {
    expect(
      reviewDueDate({
        nextReview: '2026-03-03',
        lastReviewed: '2025-01-01',
        reviewInterval: '90d',
      }),
    ).toBe('2026-03-03');
  });

  it('adds the interval to the last review', () => {
    expect(
      reviewDueDate({ lastReviewed: '2026-01-01', reviewInterval: '30d' }),
    ).toBe('2026-01-31T00:00:00.000Z');
  });

  it('is undefined when nothing dates the runbook', () => {
    expect(reviewDueDate({ reviewInterval: '90d' })).toBeUndefined();
  });
});
