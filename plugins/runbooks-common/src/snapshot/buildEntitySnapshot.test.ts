import { buildEntitySnapshot } from './buildEntitySnapshot';

const now = new Date('2026-11-23T12:00:00Z');

describe('buildEntitySnapshot', () => {
  it('builds runbooks with titles, index categories, dates and missing index links', () => {
    const snapshot = buildEntitySnapshot({
      entityRef: 'component:default/payments',
      entityTitle: 'Payments',
      annotations: { 'runbooks/review-interval': '30d' },
      problems: [],
      now,
      locations: [
        {
          files: [
            {
              path: 'README.md',
              content:
                '# Payments runbooks\n## Database\n- [Failover](./failover.md)\n- [Restore](./restore.md)\n',
            },
            {
              path: 'failover.md',
              content:
                '---\nalerts: [PgDown]\nlast-reviewed: 2026-11-01\n---\n# DB failover\n## Steps\n',
            },
            { path: 'kafka/lag.md', content: 'No heading here' },
            { path: 'kafka/_index.md', content: '---\ntitle: Kafka\n---\n' },
          ],
        },
      ],
    });
    expect(
      snapshot.runbooks.map(r => [r.id, r.title, r.category, r.missing]),
    ).toEqual([
      ['failover', 'DB failover', 'Database', false],
      ['kafka-lag', 'Lag', 'Kafka', false],
      ['restore', 'Restore', 'Database', true],
    ]);
    expect(snapshot.runbooks[0]).toMatchObject({
      lastReviewed: '2026-11-01T00:00:00.000Z',
      alerts: ['PgDown'],
      headings: [
        { depth: 1, text: 'DB failover', anchor: 'db-failover' },
        { depth: 2, text: 'Steps', anchor: 'steps' },
      ],
    });
    expect(snapshot.reviewInterval).toBe('30d');
    expect(snapshot.alerts).toEqual([
      { alert: 'PgDown', runbookId: 'failover', source: 'front-matter' },
    ]);
    expect(snapshot.problems).toEqual([
      {
        level: 'warning',
        subject: 'restore.md',
        message: 'The runbook index links to restore.md, which does not exist',
      },
    ]);
  });

  it('reports bad annotations and bad dates by name, and still lists the runbooks', () => {
    const snapshot = buildEntitySnapshot({
      entityRef: 'component:default/x',
      entityTitle: 'x',
      annotations: {
        'runbooks/review-interval': 'often',
        'runbooks/escalation': 'shout loudly',
      },
      problems: [],
      now,
      locations: [
        {
          files: [
            {
              path: 'a.md',
              content: '---\nlast-reviewed: yesterday\n---\n# A',
            },
          ],
        },
      ],
    });
    expect(snapshot.runbooks).toHaveLength(1);
    expect(snapshot.reviewInterval).toBeUndefined();
    expect(snapshot.problems.map(p => p.message)).toEqual([
      'Annotation runbooks/review-interval is "often"; expected a duration such as 90d, 12w, 6mo, 1y or P90D',
      expect.stringContaining(
        'Annotation runbooks/escalation: "shout loudly" is neither',
      ),
      'a.md: front matter "last-reviewed" is "yesterday", which is not a date (use 2024-12-01)',
    ]);
  });

  it('gives runbooks with clashing names distinct ids across locations', () => {
    const snapshot = buildEntitySnapshot({
      entityRef: 'component:default/x',
      entityTitle: 'x',
      annotations: {},
      problems: [],
      now,
      locations: [
        { files: [{ path: 'Deploy.md', content: '# A' }] },
        { files: [{ path: 'deploy.md', content: '# B' }] },
      ],
    });
    expect(snapshot.runbooks.map(r => r.id)).toEqual(['deploy', 'deploy-2']);
  });
});
