import { collectAlertMappings } from './alertMappings';
import { StoredRunbook } from './types';

const runbook = (path: string, alerts: string[] = []): StoredRunbook => ({
  id: path
    .replace(/\.md$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-'),
  title: path,
  path,
  alerts,
  missing: false,
  markdown: '',
  headings: [],
});

describe('collectAlertMappings', () => {
  it('maps alerts from every source, each recorded with its source', () => {
    const problems: any[] = [];
    const { alerts } = collectAlertMappings({
      runbooks: [
        runbook('pods.md'),
        runbook('db.md', ['PgDown']),
        runbook('cache.md'),
        runbook('NodeDiskFull.md'),
        runbook('queue/backlog.md'),
      ],
      annotation: [
        { alert: 'KubePod*', path: 'pods.md', anchor: 'crash-loop' },
      ],
      index: [{ alert: 'RedisDown', path: 'cache.md' }],
      rules: [
        {
          alert: 'QueueBacklog',
          file: 'q.yaml',
          labels: {},
          runbookUrl: 'https://wiki.example/runbooks/queue/backlog#drain',
        },
        { alert: 'NodeDiskFull', file: 'n.yaml', labels: {} },
      ],
      problems,
    });
    expect(alerts).toEqual(
      expect.arrayContaining([
        {
          alert: 'KubePod*',
          runbookId: 'pods',
          anchor: 'crash-loop',
          source: 'annotation',
        },
        { alert: 'PgDown', runbookId: 'db', source: 'front-matter' },
        {
          alert: 'RedisDown',
          runbookId: 'cache',
          anchor: undefined,
          source: 'index',
        },
        {
          alert: 'NodeDiskFull',
          runbookId: 'nodediskfull',
          source: 'file-name',
        },
        {
          alert: 'QueueBacklog',
          runbookId: 'queue-backlog',
          anchor: 'drain',
          source: 'alert-rule',
        },
      ]),
    );
    expect(alerts).toHaveLength(5);
    expect(problems).toEqual([]);
  });

  it('lets the higher source win a conflict and reports it, naming both', () => {
    const problems: any[] = [];
    const { alerts } = collectAlertMappings({
      runbooks: [runbook('a.md', ['PgDown']), runbook('b.md')],
      annotation: [{ alert: 'PgDown', path: 'b.md' }],
      index: [{ alert: 'PgDown', path: 'a.md' }],
      rules: [],
      problems,
    });
    expect(alerts).toEqual([
      {
        alert: 'PgDown',
        runbookId: 'b',
        anchor: undefined,
        source: 'annotation',
      },
    ]);
    // The same losing runbook, claimed by two lower sources, is one problem.
    expect(problems.map(p => p.message)).toEqual([
      'Alert PgDown is mapped to b by annotation (runbooks/alerts) and to a by front-matter (a.md); annotation wins',
    ]);
  });

  it('counts a glob as answering rule alerts, and lists the rest as without a runbook', () => {
    const problems: any[] = [];
    const { alertsWithoutRunbook, alerts } = collectAlertMappings({
      runbooks: [runbook('pods.md')],
      annotation: [
        { alert: 'KubePod*', path: 'pods.md' },
        { alert: 'Ghost', path: 'ghost.md' },
      ],
      index: [],
      rules: [
        { alert: 'KubePodCrashLooping', file: 'k.yaml', labels: {} },
        {
          alert: 'KubeNodeNotReady',
          file: 'k.yaml',
          labels: {},
          severity: 'warning',
        },
      ],
      problems,
    });
    expect(alertsWithoutRunbook).toEqual([
      expect.objectContaining({
        alert: 'KubeNodeNotReady',
        severity: 'warning',
        file: 'k.yaml',
      }),
    ]);
    expect(alerts.map(a => a.alert)).toEqual(['KubePod*']);
    expect(problems.map(p => p.message)).toEqual([
      'Annotation runbooks/alerts maps Ghost to ghost.md, which is not a runbook of this entity',
    ]);
  });

  it('does not take a file name that is no alert name for an alert', () => {
    const { alerts } = collectAlertMappings({
      runbooks: [runbook('backend-down.md'), runbook('readme-notes.md')],
      annotation: [],
      index: [],
      rules: [],
      problems: [],
    });
    expect(alerts).toEqual([]);
  });
});
