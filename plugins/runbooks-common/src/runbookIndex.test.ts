import fs from 'fs';
import path from 'path';
import { normalizeRelativePath, parseRunbookIndex } from './runbookIndex';

const fixture = (name: string) =>
  fs.readFileSync(
    path.join(__dirname, '__fixtures__', 'runbook-indexes', name),
    'utf8',
  );

describe('parseRunbookIndex on real index files', () => {
  it('reads the production-runbooks index: six runbooks under their headings, links leaving the folder ignored', () => {
    const { links } = parseRunbookIndex(
      fixture('production-runbooks-README.md'),
      'README.md',
    );
    expect(links.map(l => [l.path, l.category])).toEqual([
      ['incident-response-framework.md', 'Incident Management'],
      ['runbook-high-cpu-usage.md', 'Performance Issues'],
      ['runbook-database-connection-pool-exhaustion.md', 'Performance Issues'],
      ['runbook-high-error-rate.md', 'Performance Issues'],
      ['runbook-disaster-recovery.md', 'Disaster Recovery'],
      ['runbook-security-incident-response.md', 'Security'],
    ]);
    expect(links[1].title).toBe('High CPU Usage');
  });

  it('reads the pivotal-flow index, whose links have no ./ and whose headings name the runbooks', () => {
    const { links } = parseRunbookIndex(
      fixture('pivotal-flow-README.md'),
      'README.md',
    );
    expect(links.map(l => l.path)).toEqual([
      'rb-01-backend-down.md',
      'rb-02-db-issues.md',
      'rb-03-cache-issues.md',
    ]);
    expect(links[0].category).toBe('RB-01: Backend Service Down');
    expect(links.some(l => l.path.includes('slo'))).toBe(false);
  });

  it('reads the index whose emoji were mangled by a wrong encoding, keeping the text', () => {
    const { links } = parseRunbookIndex(
      fixture('prodsprints-README.md'),
      'README.md',
    );
    expect(links).toHaveLength(23);
    expect(links[0]).toMatchObject({
      path: 'system-outage.md',
      title: 'System Outage',
    });
    expect(links[0].category).toContain('Incident Response');
    expect(links[0].category).toContain('ğŸš¨');
    expect(new Set(links.map(l => l.category)).size).toBe(6);
  });
});

describe('parseRunbookIndex alert tables, mapping blocks and severity tables', () => {
  it('maps the pivotal-flow alert table, whose Runbook column says RB-01 rather than a file', () => {
    const index = parseRunbookIndex(
      fixture('pivotal-flow-README.md'),
      'README.md',
    );
    expect(index.alerts).toHaveLength(10);
    expect(index.alerts[0]).toEqual({
      alert: 'BackendServiceDown',
      path: 'rb-01-backend-down.md',
      anchor: undefined,
      severity: 'Critical',
    });
    expect(
      index.alerts.find(a => a.alert === 'RedisHighMemoryUsage')?.path,
    ).toBe('rb-03-cache-issues.md');
    expect(index.problems).toEqual([]);
    expect(index.dates.lastReviewed).toBe('2024-12-01T00:00:00.000Z');
  });

  it('reads the severity ladders of both severity tables, response times as durations', () => {
    expect(
      parseRunbookIndex(fixture('prodsprints-README.md'), 'README.md')
        .severities,
    ).toEqual([
      { name: 'P0', respondWithin: '15m', description: 'Critical' },
      { name: 'P1', respondWithin: '1h', description: 'High' },
      { name: 'P2', respondWithin: '4h', description: 'Medium' },
      { name: 'P3', respondWithin: '24h', description: 'Low' },
    ]);
    expect(
      parseRunbookIndex(fixture('production-runbooks-README.md'), 'README.md')
        .severities[0],
    ).toEqual({
      name: 'P0',
      respondWithin: '15m',
      description: 'Critical: Complete service outage, data breach',
    });
  });

  it('reads alert_runbook_mapping blocks as a map or a list, and reports bad entries', () => {
    const index = parseRunbookIndex(
      [
        '- [Disk full](./disk-full.md)',
        '```yaml',
        'alert_runbook_mapping:',
        '  NodeDiskFull: ./disk-full.md#clean-up',
        '  NodeDown: https://elsewhere.example/x.md',
        '```',
        '```yaml',
        'alert_runbook_mapping:',
        '  - { alert: KubePod*, runbook: pods.md }',
        '```',
        '| Alert | Runbook |',
        '|---|---|',
        '| `Mystery` | RB-99 |',
      ].join('\n'),
      'README.md',
    );
    expect(index.alerts).toEqual([
      { alert: 'NodeDiskFull', path: 'disk-full.md', anchor: 'clean-up' },
      { alert: 'KubePod*', path: 'pods.md', anchor: undefined },
    ]);
    expect(index.problems.map(p => p.message)).toEqual([
      expect.stringContaining(
        'maps Mystery to "RB-99", which names no runbook',
      ),
      expect.stringContaining(
        '"NodeDown": "https://elsewhere.example/x.md" is not',
      ),
    ]);
  });
});

describe('parseRunbookIndex link rules', () => {
  it('keeps links inside the folder and drops other sites, absolute paths and escapes', () => {
    const markdown = [
      '# Team runbooks',
      'See [intro](./guide/start.md) first.',
      '## Database',
      '- [Failover](./db/failover.md#steps)',
      '- [Upstream](https://example.com/runbook.md)',
      '- [Root](/etc/passwd.md)',
      '- [Outside](../secrets.md)',
      '- [Not markdown](./diagram.png)',
      '- [Protocol-relative](//evil.example/x.md)',
      '```',
      '[in code](./code.md)',
      '```',
      '## Guides',
      '- [Start](guide/start.md)',
    ].join('\n');
    const { links } = parseRunbookIndex(markdown, 'README.md');
    expect(links).toEqual([
      {
        path: 'guide/start.md',
        title: 'intro',
        category: 'Guides',
        anchor: undefined,
      },
      {
        path: 'db/failover.md',
        title: 'Failover',
        category: 'Database',
        anchor: 'steps',
      },
    ]);
  });

  it('resolves links of an index in a sub-folder against that sub-folder', () => {
    const { links } = parseRunbookIndex(
      '- [A](./a.md)\n- [B](../b.md)\n- [C](../../c.md)',
      'team/README.md',
    );
    expect(links.map(l => l.path)).toEqual(['team/a.md', 'b.md']);
  });

  it('normalises paths and refuses to climb above the root', () => {
    expect(normalizeRelativePath('./a/../b/./c.md')).toBe('b/c.md');
    expect(normalizeRelativePath('../x.md')).toBeUndefined();
  });
});
