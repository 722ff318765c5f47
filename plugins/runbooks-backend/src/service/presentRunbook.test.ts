import { presentRunbook } from './presentRunbook';

const config = {
  reviewInterval: { days: 90 },
  reviewIntervalText: '90d',
  dueSoonWindow: { days: 14 },
};
const ref = { kind: 'Component', namespace: 'default', name: 'payments' };
const runbook = {
  id: 'failover',
  title: 'Failover',
  path: 'failover.md',
  alerts: [],
  missing: false,
};
const at = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('presentRunbook', () => {
  it('takes the interval from the annotation, else the front matter, else config', () => {
    const stored = {
      ...runbook,
      lastReviewed: '2026-01-01T00:00:00.000Z',
      reviewInterval: '30d',
    };
    const now = at('2026-02-10');
    const annotation = presentRunbook({
      config,
      ref,
      entity: { reviewInterval: '1y' },
      runbook: stored,
      now,
    });
    expect(annotation).toMatchObject({
      reviewInterval: '1y',
      status: 'fresh',
      nextReview: '2027-01-01T00:00:00.000Z',
    });
    const frontMatter = presentRunbook({
      config,
      ref,
      entity: {},
      runbook: stored,
      now,
    });
    expect(frontMatter).toMatchObject({
      reviewInterval: '30d',
      status: 'stale',
      nextReview: '2026-01-31T00:00:00.000Z',
    });
    const fallback = presentRunbook({
      config,
      ref,
      entity: {},
      runbook: { ...stored, reviewInterval: undefined },
      now,
    });
    expect(fallback).toMatchObject({
      reviewInterval: '90d',
      status: 'fresh',
      nextReview: '2026-04-01T00:00:00.000Z',
    });
  });

  it('crosses fresh, due-soon and stale at the exact boundaries', () => {
    const stored = { ...runbook, lastReviewed: '2026-01-01T00:00:00.000Z' };
    const status = (now: Date) =>
      presentRunbook({ config, ref, entity: {}, runbook: stored, now }).status;
    expect(status(new Date('2026-03-17T23:59:59Z'))).toBe('fresh');
    expect(status(new Date('2026-03-18T00:00:00Z'))).toBe('due-soon');
    expect(status(new Date('2026-03-31T23:59:59Z'))).toBe('due-soon');
    expect(status(new Date('2026-04-01T00:00:00Z'))).toBe('stale');
  });

  it('lets a newer portal review win over stated dates, and ignores an older one', () => {
    const stored = {
      ...runbook,
      lastReviewed: '2025-01-01T00:00:00.000Z',
      nextReview: '2025-06-01T00:00:00.000Z',
    };
    const now = at('2026-03-01');
    const newer = presentRunbook({
      config,
      ref,
      entity: {},
      runbook: stored,
      now,
      review: {
        reviewer: 'user:default/jane',
        reviewedAt: '2026-02-01T00:00:00.000Z',
      },
    });
    expect(newer).toMatchObject({
      status: 'fresh',
      lastReviewed: '2026-02-01T00:00:00.000Z',
      reviewedBy: 'user:default/jane',
      nextReview: '2026-05-02T00:00:00.000Z',
    });
    const older = presentRunbook({
      config,
      ref,
      entity: {},
      runbook: stored,
      now,
      review: {
        reviewer: 'user:default/jane',
        reviewedAt: '2024-12-01T00:00:00.000Z',
      },
    });
    expect(older).toMatchObject({
      status: 'stale',
      lastReviewed: '2025-01-01T00:00:00.000Z',
    });
    expect(older.reviewedBy).toBeUndefined();
  });

  it('marks missing runbooks never reviewed and links every runbook to its portal page', () => {
    const missing = presentRunbook({
      config,
      ref,
      entity: {},
      runbook: { ...runbook, missing: true },
      now: at('2026-01-01'),
    });
    expect(missing).toMatchObject({
      status: 'never-reviewed',
      missing: true,
      viewUrl: '/catalog/default/component/payments/runbooks/failover',
    });
  });
});
