import { decideReview, DEFAULT_REVIEW_POLICY } from './reviewDecision';

const now = new Date('2026-06-01T00:00:00Z');
const policy = DEFAULT_REVIEW_POLICY;

describe('decideReview', () => {
  it('prefers the stated next review over last review plus interval', () => {
    const decision = decideReview({
      runbook: { lastReviewed: '2025-01-01', nextReview: '2026-09-01' },
      policy,
      now,
    });
    expect(decision).toMatchObject({
      status: 'fresh',
      nextReview: '2026-09-01',
      reviewInterval: '90d',
    });
  });

  it('adds the interval to the last review, the entity interval first', () => {
    const runbook = { lastReviewed: '2026-05-01', reviewInterval: '7d' };
    expect(decideReview({ runbook, policy, now })).toMatchObject({
      status: 'stale',
      nextReview: '2026-05-08T00:00:00.000Z',
      reviewInterval: '7d',
    });
    expect(
      decideReview({ runbook, entityReviewInterval: '60d', policy, now }),
    ).toMatchObject({
      status: 'fresh',
      nextReview: '2026-06-30T00:00:00.000Z',
      reviewInterval: '60d',
    });
  });

  it('is never reviewed when nothing dates the runbook, or it is missing', () => {
    expect(decideReview({ runbook: {}, policy, now })).toEqual({
      status: 'never-reviewed',
      reviewInterval: '90d',
    });
    const missing = decideReview({
      runbook: { missing: true },
      portalReview: {
        reviewer: 'user:default/ada',
        reviewedAt: '2026-05-30',
      },
      policy,
      now,
    });
    expect(missing.status).toBe('never-reviewed');
    expect(missing.portalReview).toBeUndefined();
  });

  it('counts a portal review newer than the stated dates, on the same text', () => {
    const review = {
      reviewer: 'user:default/ada',
      reviewedAt: '2026-05-20T10:00:00.000Z',
      contentHash: 'abc',
    };
    const decision = decideReview({
      runbook: {
        lastReviewed: '2025-01-01',
        nextReview: '2025-04-01',
        contentHash: 'abc',
      },
      portalReview: review,
      policy,
      now,
    });
    expect(decision).toMatchObject({
      status: 'fresh',
      lastReviewed: review.reviewedAt,
      nextReview: '2026-08-18T10:00:00.000Z',
      portalReview: review,
    });
    expect(decision.changedSinceReview).toBeUndefined();
  });

  it('ignores a portal review made on other text, and says so', () => {
    const review = {
      reviewer: 'user:default/ada',
      reviewedAt: '2026-05-20T10:00:00.000Z',
      contentHash: 'old',
    };
    const decision = decideReview({
      runbook: { lastReviewed: '2025-01-01', contentHash: 'new' },
      portalReview: review,
      policy,
      now,
    });
    expect(decision).toMatchObject({
      status: 'stale',
      lastReviewed: '2025-01-01',
      changedSinceReview: review,
    });
    expect(decision.portalReview).toBeUndefined();
  });

  it('ignores a portal review older than a date the runbook states', () => {
    const decision = decideReview({
      runbook: { lastReviewed: '2026-05-25' },
      portalReview: { reviewer: 'user:default/ada', reviewedAt: '2026-05-01' },
      policy,
      now,
    });
    expect(decision).toMatchObject({
      status: 'fresh',
      lastReviewed: '2026-05-25',
    });
    expect(decision.portalReview).toBeUndefined();
  });
});
