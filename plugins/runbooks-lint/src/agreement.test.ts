import {
  buildEntitySnapshot,
  RunbookFile,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { lintCatalogFile } from './lint';

const now = new Date('2026-11-23T12:00:00Z');

/**
 * An entity with one of every kind of problem the portal reports: bad and
 * unknown annotations, an alerts annotation pointing nowhere, broken front
 * matter, a bad date, an index link to a missing file, a bad alert table
 * row, conflicting alert mappings and a rule file that does not parse.
 */
const FILES: Record<string, string> = {
  'catalog-info.yaml': [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    '  name: payments',
    '  annotations:',
    '    runbooks/location: dir:./runbooks',
    '    runbooks/alert-rules: dir:./rules',
    '    runbooks/alerts: "PgDown: failover.md\\nGhost: nowhere.md"',
    '    runbooks/review-interval: monthly',
    '    runbooks/locaton: dir:./runbooks',
    'spec: { type: service, lifecycle: production, owner: team-a }',
  ].join('\n'),
  'runbooks/README.md': [
    '# Payments runbooks',
    '',
    '## Database',
    '- [Failover](failover.md)',
    '- [Restore](db/restore.md)',
    '- [Gone](gone.md)',
    '',
    '| Alert | Runbook |',
    '| --- | --- |',
    '| PgSlow | [Restore](db/restore.md) |',
    '| PgLag | [Replica](https://example.com/replica) |',
  ].join('\n'),
  'runbooks/failover.md':
    '---\nlast-reviewed: 2026-11-01\n---\n# Failover\n\n## Promote the replica\n',
  'runbooks/db/restore.md':
    '---\nlast-reviewed: 2026-11-01\nnext-review: someday\nalerts: [PgDown]\n---\n# Restore\n',
  'runbooks/broken.md':
    '---\ntitle: [unclosed\n---\n# Broken\n\nLast Updated: 2026-11-01\n',
  'rules/payments.yaml': [
    'groups:',
    '  - name: payments',
    '    rules:',
    '      - alert: PgDown',
    '        expr: up == 0',
    '      - alert: PgSlow',
    '        expr: latency > 1',
    '      - alert: PaymentsLatency',
    '        expr: latency > 2',
  ].join('\n'),
  'rules/broken.yaml': 'groups: [\n',
};

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-lint-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** The files under a folder, as the portal's local reader answers them. */
function readFolder(root: string, accept: RegExp): RunbookFile[] {
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .map(name => name.split(path.sep).join('/'))
    .filter(name => accept.test(name))
    .sort()
    .map(name => ({
      path: name,
      content: fs.readFileSync(path.join(root, name), 'utf8'),
    }));
}

describe('runbooks-lint agrees with the portal', () => {
  it("reports exactly the problems buildEntitySnapshot gives for the same files, and the portal's unanswered alerts", async () => {
    const dir = tempDir(FILES);
    const annotations = parse(FILES['catalog-info.yaml']).metadata.annotations;
    const snapshot = buildEntitySnapshot({
      entityRef: 'component:default/payments',
      entityTitle: 'payments',
      annotations,
      locations: [{ files: readFolder(path.join(dir, 'runbooks'), /\.md$/) }],
      ruleFiles: readFolder(path.join(dir, 'rules'), /\.ya?ml$/),
      problems: [],
      now,
    });
    // The fixture exercises every kind of problem above.
    expect(snapshot.problems.length).toBeGreaterThanOrEqual(9);

    const report = await lintCatalogFile('catalog-info.yaml', {
      cwd: dir,
      now,
    });
    const unanswered = /has no runbook: name a runbook/;
    const missingSection = /^misses a required section: /;
    const problems = report.findings
      .filter(
        f =>
          f.level !== 'info' &&
          !unanswered.test(f.message) &&
          !missingSection.test(f.message),
      )
      .map(({ level, message, subject }) => ({ level, message, subject }));
    const sort = <T extends { message: string }>(list: T[]) =>
      [...list].sort((a, b) => a.message.localeCompare(b.message));
    expect(sort(problems)).toEqual(sort(snapshot.problems));

    expect(
      report.findings
        .filter(f => unanswered.test(f.message))
        .map(f => f.subject),
    ).toEqual(snapshot.alertsWithoutRunbook.map(a => a.alert));
    expect(snapshot.alertsWithoutRunbook.map(a => a.alert)).toEqual([
      'PaymentsLatency',
    ]);
    // A missing required section is the portal's failing section check.
    expect(
      report.findings
        .filter(f => missingSection.test(f.message))
        .map(f => `${f.subject}: ${f.message.replace(missingSection, '')}`),
    ).toEqual(
      snapshot.runbooks.flatMap(runbook =>
        (runbook.standards?.checks ?? [])
          .filter(
            c => !runbook.missing && !c.passed && c.id.startsWith('section:'),
          )
          .map(c => `${runbook.path}: ${c.reason} (the default standard)`),
      ),
    );

    // And places them where they are written.
    const at = (pattern: RegExp) =>
      report.findings
        .filter(f => pattern.test(f.message))
        .map(f => `${f.file}:${f.line ?? ''}`);
    expect(at(/runbooks\/locaton/)).toEqual(['catalog-info.yaml:10']);
    expect(at(/Ghost to nowhere.md/)).toEqual(['catalog-info.yaml:8']);
    expect(at(/links to gone.md/)).toEqual(['runbooks/README.md:6']);
    expect(at(/"next-review" is "someday"/)).toEqual([
      'runbooks/db/restore.md:3',
    ]);
    expect(at(/Alert PgDown is mapped/)).toEqual(['runbooks/db/restore.md:']);
    expect(at(/has no runbook/)).toEqual(['rules/payments.yaml:8']);
  });
});
