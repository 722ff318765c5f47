import fs from 'fs';
import path from 'path';
import { extractStatedReviewDates } from './reviewDates';

const fixture = (name: string) =>
  fs.readFileSync(
    path.join(__dirname, '__fixtures__', 'runbook-indexes', name),
    'utf8',
  );

describe('extractStatedReviewDates', () => {
  it('reads "**Last Updated**: 2024-12-01" (pivotal-flow)', () => {
    expect(extractStatedReviewDates(fixture('pivotal-flow-README.md'))).toEqual(
      {
        lastReviewed: '2024-12-01T00:00:00.000Z',
      },
    );
  });

  it('reads Last Updated and Next Review, with emoji mangled elsewhere (prodsprints)', () => {
    expect(extractStatedReviewDates(fixture('prodsprints-README.md'))).toEqual({
      lastReviewed: '2024-01-01T00:00:00.000Z',
      nextReview: '2024-02-01T00:00:00.000Z',
    });
  });

  it('reads a month-only "Last Updated: December 2024" as the first of that month (production-runbooks)', () => {
    expect(
      extractStatedReviewDates(fixture('production-runbooks-README.md')),
    ).toEqual({
      lastReviewed: '2024-12-01T00:00:00.000Z',
    });
  });

  it.each([
    ['Last reviewed: 2025-03-04', { lastReviewed: '2025-03-04T00:00:00.000Z' }],
    [
      '- **Last reviewed**: March 2025',
      { lastReviewed: '2025-03-01T00:00:00.000Z' },
    ],
    [
      'Last Updated: 2025-06-30 (by Jane)',
      { lastReviewed: '2025-06-30T00:00:00.000Z', reviewer: 'Jane' },
    ],
    [
      'Last reviewed: 2025-06-30\nReviewed by: @sre-team',
      { lastReviewed: '2025-06-30T00:00:00.000Z', reviewer: '@sre-team' },
    ],
    ['**Next Review:** 2026-01-15', { nextReview: '2026-01-15T00:00:00.000Z' }],
    ['Last Updated: soon', {}],
    ['```\nLast Updated: 2020-01-01\n```', {}],
  ])('reads %j', (text, expected) => {
    expect(extractStatedReviewDates(text)).toEqual(expected);
  });

  it('takes the newest date of a version-history table when no line states one', () => {
    const markdown = [
      '## Version history',
      '| Version | Date | Author | Change |',
      '|---|---|---|---|',
      '| 1.0 | 2024-01-10 | jane | first |',
      '| 1.2 | 2025-02-03 | raj | failover steps |',
      '| 1.1 | 2024-06-01 | mei | tweaks |',
    ].join('\n');
    expect(extractStatedReviewDates(markdown)).toEqual({
      lastReviewed: '2025-02-03T00:00:00.000Z',
    });
  });
});
