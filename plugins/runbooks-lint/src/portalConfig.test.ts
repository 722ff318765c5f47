import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './cli';
import { LintReport } from './findings';

const now = new Date('2026-11-23T12:00:00Z');

const catalog = [
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata:',
  '  name: shop',
  '  annotations:',
  '    runbooks/location: dir:./runbooks',
  'spec: { type: service, lifecycle: production, owner: team-a }',
].join('\n');
const runbook = [
  '---',
  'last-reviewed: 2026-11-01',
  '---',
  '# Down',
  '',
  '## Steps',
  '',
  '1. Restart it',
].join('\n');

async function lint(config: string | undefined) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-lint-cfg-'));
  const files: Record<string, string> = {
    'catalog-info.yaml': catalog,
    'runbooks/down.md': runbook,
    ...(config === undefined ? {} : { 'app-config.yaml': config }),
  };
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    [
      '--format',
      'json',
      ...(config === undefined ? [] : ['--config', 'app-config.yaml']),
    ],
    {
      cwd: dir,
      now,
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    },
  );
  return {
    code,
    stderr,
    report: stdout ? (JSON.parse(stdout) as LintReport) : undefined,
  };
}

const messages = (report?: LintReport) =>
  (report?.findings ?? []).map(f => f.message);

describe('runbooks-lint --config', () => {
  it("judges review dates by the portal's configured interval", async () => {
    const defaults = await lint(undefined);
    expect(messages(defaults.report).some(m => /is stale/.test(m))).toBe(false);

    const weekly = await lint('runbooks:\n  reviewInterval: 7d\n');
    expect(messages(weekly.report)).toContain(
      'this runbook is stale: its review was due on 2026-11-08 (review interval 7d); re-read it and update last-reviewed',
    );
  });

  it("scores runbooks against the portal's configured standard", async () => {
    const { report } = await lint(
      'runbooks:\n  standards:\n    sections: [Steps, Rollback]\n',
    );
    expect(messages(report)).toContain(
      'misses a required section: No heading "Rollback" (runbooks.standards of config)',
    );
  });

  it('refuses a config it cannot use, naming the key, with exit code 2', async () => {
    const bad = await lint('runbooks:\n  reviewInterval: monthly\n');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'Invalid config runbooks.reviewInterval: "monthly" is not a duration',
    );
    const broken = await lint('runbooks: [unclosed');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/app-config\.yaml is not valid YAML/);
  });
});
