import { parseRunbookIndex } from '@runbooks-for-backstage/plugin-runbooks-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './cli';
import { LintReport } from './findings';

const repoRoot = path.resolve(__dirname, '../../..');
const indexFixtures = path.join(
  repoRoot,
  'plugins/runbooks-common/src/__fixtures__/runbook-indexes',
);
const now = new Date('2026-11-23T12:00:00Z');

async function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd,
    now,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

async function lintJson(target: string, cwd = repoRoot) {
  const result = await run([target, '--format', 'json'], cwd);
  expect(result.stderr).toBe('');
  return { code: result.code, report: JSON.parse(result.stdout) as LintReport };
}

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-lint-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function component(name: string, annotations: Record<string, string>) {
  const lines = Object.entries(annotations).map(
    ([key, value]) => `    ${key}: ${JSON.stringify(value)}`,
  );
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    '  annotations:',
    ...lines,
    'spec: { type: service, lifecycle: production, owner: team-a }',
  ].join('\n');
}

describe('runbooks-lint usage', () => {
  it('exits 2 on an unknown option, a bad format or a missing file', async () => {
    const dir = tempDir({ 'catalog-info.yaml': component('a', {}) });
    for (const argv of [
      ['--strict'],
      ['--format', 'xml'],
      ['--format'],
      ['missing.yaml'],
      ['a.yaml', 'b.yaml'],
    ]) {
      const result = await run(argv, dir);
      expect({ argv, code: result.code }).toEqual({ argv, code: 2 });
      expect(result.stderr).toMatch(/^runbooks-lint: /);
      expect(result.stdout).toBe('');
    }
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-lint-'));
    expect((await run([], empty)).code).toBe(2);
  });

  it('prints help and exits 0', async () => {
    const result = await run(['--help'], repoRoot);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: runbooks-lint');
  });

  it('reads catalog-info.yaml from a folder', async () => {
    const dir = tempDir({
      'svc/catalog-info.yaml': component('svc', {
        'runbooks/review-interval': 'monthly',
      }),
    });
    const result = await run(['svc'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'svc/catalog-info.yaml:6: error: Annotation runbooks/review-interval',
    );
  });
});

describe('runbooks-lint on-call providers', () => {
  it('accepts a provider that a backend module adds, and refuses malformed ones', async () => {
    const dir = tempDir({
      'catalog-info.yaml': [
        component('rota', { 'runbooks/on-call': 'rota:team-x' }),
        '---',
        component('typo', { 'runbooks/on-call': 'Rota team-x' }),
      ].join('\n'),
    });
    const { code, report } = await lintJson('catalog-info.yaml', dir);
    expect(code).toBe(1);
    const onCall = report.findings.filter(f =>
      f.message.includes('runbooks/on-call'),
    );
    expect(onCall).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringContaining('"Rota team-x"'),
      }),
    ]);
  });
  it('checks runbooks/alert-selector with the matcher parser, naming the position', async () => {
    const dir = tempDir({
      'catalog-info.yaml': [
        component('good', {
          'runbooks/location': 'dir:./runbooks',
          'runbooks/alert-selector':
            'namespace="payments", service=~"checkout.*"',
        }),
        '---',
        component('bad', {
          'runbooks/location': 'dir:./runbooks',
          'runbooks/alert-selector': 'namespace="payments" service=~"(x"',
        }),
      ].join('\n'),
    });
    const { code, report } = await lintJson('catalog-info.yaml', dir);
    expect(code).toBe(1);
    expect(
      report.findings.filter(f => f.subject === 'runbooks/alert-selector'),
    ).toEqual([
      expect.objectContaining({
        level: 'error',
        entity: 'component:default/bad',
        message: expect.stringMatching(
          /at character 22: expected a comma or line break after the matcher on "namespace"/,
        ),
      }),
    ]);
  });
});

describe('runbooks-lint findings', () => {
  const dir = tempDir({
    'catalog-info.yaml': [
      component('payments', {
        'runbooks/location':
          'dir:./runbooks, dir:../outside, url:https://example.com/runbooks',
        'runbooks/review-interval': 'monthly',
        'runbooks/alerts':
          'PaymentsDown: down.md#restart-the-pods\nPaymentsSlow: slow.md',
        'runbooks/on-call': 'schedule:./oncall.yaml',
      }),
      '---',
      component('checkout', {
        'runbooks/location': 'dir:./checkout-runbooks',
        'runbooks/alert-rules': 'dir:./rules',
        'runbooks/review-interval': '30d',
      }),
    ].join('\n'),
    'runbooks/README.md':
      '# Payments\n\n## Outages\n- [Down](down.md)\n- [Gone](gone.md)\n',
    'runbooks/down.md':
      '---\ntitle: Payments down\nlast-reviewed: 2020-01-01\nnext-review: someday\n---\n# Payments down\n\n## Restart the pod\n',
    'runbooks/sub/broken.md': '---\ntitle: [unclosed\n---\n# Broken\n',
    'checkout-runbooks/CheckoutDown.md':
      '---\nlast-reviewed: 2026-11-01\n---\n# Checkout down\n',
    'rules/checkout.yaml': [
      'groups:',
      '  - name: checkout',
      '    rules:',
      '      - alert: CheckoutDown',
      '        expr: up == 0',
      '      - alert: CheckoutSlow',
      '        expr: latency > 1',
      '        labels: { severity: warning }',
    ].join('\n'),
  });

  let report: LintReport;
  let code: number;
  beforeAll(async () => {
    ({ report, code } = await lintJson('catalog-info.yaml', dir));
  });

  const find = (pattern: RegExp) =>
    report.findings.filter(f => pattern.test(f.message));

  it('answers the stable JSON shape and exit code 1 on errors', () => {
    expect(code).toBe(1);
    expect(Object.keys(report).sort()).toEqual([
      'errors',
      'findings',
      'warnings',
    ]);
    expect(report.errors).toBe(
      report.findings.filter(f => f.level === 'error').length,
    );
    expect(report.warnings).toBe(
      report.findings.filter(f => f.level === 'warning').length,
    );
    for (const finding of report.findings) {
      expect(['error', 'warning', 'info']).toContain(finding.level);
      expect(typeof finding.file).toBe('string');
      expect(typeof finding.message).toBe('string');
    }
  });

  it('reports bad annotations at their line, with the shared validator', () => {
    expect(find(/runbooks\/review-interval is "monthly"/)).toEqual([
      {
        level: 'error',
        file: 'catalog-info.yaml',
        line: 7,
        message: expect.any(String),
        subject: 'runbooks/review-interval',
        entity: 'component:default/payments',
      },
    ]);
  });

  it('refuses a dir: location that leaves the entity folder, notes url: ones', () => {
    expect(find(/dir:\.\.\/outside leaves/)[0].level).toBe('error');
    expect(
      find(/url:https:\/\/example.com\/runbooks is not checked/)[0].level,
    ).toBe('info');
  });

  it('checks front matter and review dates', () => {
    expect(find(/not valid YAML/)[0]).toMatchObject({
      level: 'error',
      file: 'runbooks/sub/broken.md',
    });
    expect(find(/"next-review" is "someday"/)[0]).toMatchObject({
      level: 'warning',
      file: 'runbooks/down.md',
      line: 4,
    });
    expect(find(/stale/).map(f => f.file)).toEqual(['runbooks/down.md']);
    expect(find(/never reviewed: sub\/broken.md/)).toHaveLength(1);
  });

  it('reports index links to runbooks that do not exist', () => {
    expect(find(/links to gone.md/)).toEqual([
      expect.objectContaining({
        level: 'warning',
        file: 'runbooks/README.md',
        line: 5,
        subject: 'gone.md',
      }),
    ]);
  });

  it('checks the targets and anchors of runbooks/alerts', () => {
    expect(find(/PaymentsSlow to slow.md/)[0].level).toBe('error');
    expect(find(/has no heading with that anchor/)[0].level).toBe('warning');
  });

  it('checks the on-call schedule file', () => {
    expect(find(/schedule:.\/oncall.yaml does not exist/)[0].level).toBe(
      'error',
    );
  });

  it('reports alerts of the rule files that no runbook answers', () => {
    expect(find(/has no runbook/)).toEqual([
      expect.objectContaining({
        file: 'rules/checkout.yaml',
        line: 6,
        subject: 'CheckoutSlow',
        entity: 'component:default/checkout',
      }),
    ]);
    expect(
      report.findings.filter(
        f =>
          f.entity === 'component:default/checkout' &&
          f.level !== 'info' &&
          !/^misses a required section/.test(f.message),
      ),
    ).toHaveLength(1);
  });

  it('prints file:line, level and message by default', async () => {
    const result = await run(['catalog-info.yaml'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'runbooks/README.md:5: warning: The runbook index links to gone.md, which does not exist',
    );
    expect(result.stdout.trim().split('\n').pop()).toMatch(
      /^\d+ errors, \d+ warnings, \d+ notes$/,
    );
  });
});

describe('runbooks-lint on the fixtures', () => {
  it("finds no errors in the repository's own catalog-info.yaml", async () => {
    const { code, report } = await lintJson('catalog-info.yaml');
    expect(code).toBe(0);
    expect(report.errors).toBe(0);
  });

  const demo = path.join(repoRoot, 'demo/kube-prometheus');
  const components = fs
    .readdirSync(demo)
    .filter(name => fs.existsSync(path.join(demo, name, 'catalog-info.yaml')));

  it.each(components)(
    'lints demo/kube-prometheus/%s without errors',
    async name => {
      const { code, report } = await lintJson(
        `demo/kube-prometheus/${name}/catalog-info.yaml`,
      );
      expect(code).toBe(0);
      expect(report.errors).toBe(0);
      for (const finding of report.findings) {
        expect(finding.file.startsWith(`demo/kube-prometheus/${name}/`)).toBe(
          true,
        );
      }
    },
  );

  it('follows the demo Location to every component and reports unanswered alerts', async () => {
    const { code, report } = await lintJson(
      'demo/kube-prometheus/catalog-info.yaml',
    );
    expect(code).toBe(0);
    const entities = new Set(report.findings.map(f => f.entity));
    expect(entities.size).toBeGreaterThanOrEqual(components.length - 1);
    const unanswered = report.findings.filter(f =>
      /has no runbook/.test(f.message),
    );
    expect(unanswered.map(f => f.subject)).toContain('GrafanaRequestsFailing');
    expect(unanswered.every(f => f.level === 'warning' && f.line)).toBe(true);
  });

  it('reports every link of the three real runbook indexes as a missing runbook', async () => {
    const names = ['pivotal-flow', 'prodsprints', 'production-runbooks'];
    const files: Record<string, string> = {};
    for (const name of names) {
      files[`${name}/README.md`] = fs.readFileSync(
        path.join(indexFixtures, `${name}-README.md`),
        'utf8',
      );
    }
    files['catalog-info.yaml'] = names
      .map(name => component(name, { 'runbooks/location': `dir:./${name}` }))
      .join('\n---\n');
    const dir = tempDir(files);

    const { code, report } = await lintJson('catalog-info.yaml', dir);
    expect(code).toBe(0);
    for (const name of names) {
      const expected = parseRunbookIndex(
        files[`${name}/README.md`],
        'README.md',
      ).links.map(link => link.path);
      expect(expected.length).toBeGreaterThan(0);
      const reported = report.findings
        .filter(
          f =>
            f.file === `${name}/README.md` && /does not exist/.test(f.message),
        )
        .map(f => f.subject);
      expect({ name, reported }).toEqual({ name, reported: expected });
    }
  });
});
