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

describe('buildEntitySnapshot on the shapes real runbook folders take', () => {
  const rules = (url: (alert: string) => string) => ({
    path: 'rules.yaml',
    content: [
      'groups:',
      '  - name: portal',
      '    rules:',
      ...['PortalBackendDown', 'SearchIndexStale', 'CatalogStuck'].flatMap(
        alert => [
          `      - alert: ${alert}`,
          '        expr: up == 0',
          '        annotations:',
          `          runbook_url: ${url(alert)}`,
        ],
      ),
    ].join('\n'),
  });
  const onePage = {
    path: '_index.md',
    content: [
      '---',
      'title: Portal alerts',
      '---',
      '# Portal alerts',
      '',
      '### PortalBackendDown',
      '',
      '1. Check the pods: `kubectl get pods -n portal`',
      '',
      '### SearchIndexStale',
      '',
      'Re-run the collator.',
      '',
      '### CatalogStuck',
      '',
      'Restart the processing loop.',
    ].join('\n'),
  };

  it('reads a one-page collection with a section per alert, each alert at its section (Hugo/Docusaurus runbook_url)', () => {
    const snapshot = buildEntitySnapshot({
      entityRef: 'component:default/portal',
      entityTitle: 'Portal',
      annotations: {},
      problems: [],
      now,
      locations: [{ files: [onePage] }],
      ruleFiles: [
        rules(
          alert =>
            `https://docs.example.com/docs/runbooks/#${alert.toLowerCase()}`,
        ),
      ],
    });
    expect(snapshot.runbooks.map(r => [r.id, r.title, r.path])).toEqual([
      ['index', 'Portal alerts', '_index.md'],
    ]);
    expect(snapshot.alerts).toEqual([
      {
        alert: 'PortalBackendDown',
        runbookId: 'index',
        anchor: 'portalbackenddown',
        source: 'alert-rule',
      },
      {
        alert: 'SearchIndexStale',
        runbookId: 'index',
        anchor: 'searchindexstale',
        source: 'alert-rule',
      },
      {
        alert: 'CatalogStuck',
        runbookId: 'index',
        anchor: 'catalogstuck',
        source: 'alert-rule',
      },
    ]);
    expect(snapshot.alertsWithoutRunbook).toEqual([]);
    expect(snapshot.problems).toEqual([]);
  });

  it('answers alerts at the section that names them when the rules point elsewhere', () => {
    const snapshot = buildEntitySnapshot({
      entityRef: 'component:default/portal',
      entityTitle: 'Portal',
      annotations: {},
      problems: [],
      now,
      locations: [
        {
          files: [
            { ...onePage, path: 'portal-alerts.md' },
            {
              path: 'team/_index.md',
              content: '# Team\n\n## CatalogStuck\n\nSee the team page.',
            },
          ],
        },
      ],
      ruleFiles: [rules(alert => `https://upstream.example/${alert}.html`)],
    });
    expect(snapshot.alerts.map(a => [a.alert, a.runbookId, a.anchor])).toEqual([
      ['PortalBackendDown', 'portal-alerts', 'portalbackenddown'],
      ['SearchIndexStale', 'portal-alerts', 'searchindexstale'],
      ['CatalogStuck', 'portal-alerts', 'catalogstuck'],
    ]);
    expect(snapshot.problems.map(p => p.message)).toEqual([
      expect.stringContaining(
        'Alert CatalogStuck is mapped to portal-alerts#catalogstuck by section',
      ),
    ]);
  });

  it('resolves a runbook_url naming a sub-folder to that folder’s index page, trailing slash or not', () => {
    const snapshot = buildEntitySnapshot({
      entityRef: 'component:default/portal',
      entityTitle: 'Portal',
      annotations: {},
      problems: [],
      now,
      locations: [
        {
          files: [
            {
              path: 'README.md',
              content: '# Runbooks\n\n- [Portal](portal/_index.md)',
            },
            { ...onePage, path: 'portal/_index.md' },
          ],
        },
      ],
      ruleFiles: [
        rules(alert =>
          alert === 'CatalogStuck'
            ? 'https://docs.example.com/runbooks/portal#CatalogStuck'
            : `https://docs.example.com/runbooks/portal/#${alert}`,
        ),
      ],
    });
    expect(snapshot.runbooks.map(r => r.path)).toEqual(['portal/_index.md']);
    expect(snapshot.alerts.map(a => [a.alert, a.anchor])).toEqual([
      ['PortalBackendDown', 'portalbackenddown'],
      ['SearchIndexStale', 'searchindexstale'],
      ['CatalogStuck', 'catalogstuck'],
    ]);
  });

  it('keeps an index that only lists runbooks an index, and reads runbooks linked from its headings and tables', () => {
    const snapshot = buildEntitySnapshot({
      entityRef: 'component:default/portal',
      entityTitle: 'Portal',
      annotations: {},
      problems: [],
      now,
      locations: [
        {
          files: [
            {
              path: 'README.md',
              content: [
                '# Runbooks',
                '',
                'How we respond to incidents.',
                '',
                '## Critical',
                '',
                '### 1. [Incident Response](./incident-response.md)',
                '',
                'Declare, page, communicate.',
                '',
                '### 2. [Failover](./failover.md)',
                '',
                '## Reference',
                '',
                '| Runbook | Owner |',
                '|---|---|',
                '| [Backups](backups.md) | dba |',
                '',
                '**File**: [restore.md](restore.md)',
              ].join('\n'),
            },
            { path: 'incident-response.md', content: '# Incident response' },
            { path: 'failover.md', content: '# Failover' },
            { path: 'backups.md', content: '# Backups' },
            { path: 'restore.md', content: '# Restore' },
          ],
        },
      ],
    });
    expect(snapshot.runbooks.map(r => [r.path, r.category])).toEqual([
      ['incident-response.md', 'Critical'],
      ['failover.md', 'Critical'],
      ['backups.md', 'Reference'],
      ['restore.md', 'Reference'],
    ]);
  });
});
