import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './cli';
import { LintReport } from './findings';

const now = new Date('2026-11-23T12:00:00Z');

async function lint(files: Record<string, string>, extra: string[] = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-lint-std-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  let stdout = '';
  const code = await runCli(['--format', 'json', ...extra], {
    cwd: dir,
    now,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: () => undefined },
  });
  return { code, report: JSON.parse(stdout) as LintReport };
}

const catalog = [
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata:',
  '  name: shop',
  '  annotations:',
  '    runbooks/location: dir:./runbooks',
  "    runbooks/escalation: 'slack:#shop-oncall'",
  'spec: { type: service, lifecycle: production, owner: team-a }',
].join('\n');
const index = [
  '# Shop runbooks',
  '',
  '- [Down](down.md)',
  '',
  '## Runbook Structure',
  '',
  '- **Summary**: what is wrong',
  '- **Steps**: what to do',
  '- **Rollback**: how to undo',
].join('\n');
const complete = [
  '# Down',
  '',
  'Last reviewed: 2026-11-01',
  'Reviewed by: jane',
  '',
  '## Summary',
  '',
  'It is down.',
  '',
  '## Steps',
  '',
  '1. Restart it',
  '',
  '## Rollback',
  '',
  '1. Deploy the previous version',
].join('\n');

describe('runbooks-lint standards', () => {
  it("a runbook meeting its index's declared structure has no standards finding but the summary note", async () => {
    const { code, report } = await lint({
      'catalog-info.yaml': catalog,
      'runbooks/README.md': index,
      'runbooks/down.md': complete,
    });
    expect(code).toBe(0);
    const standards = report.findings.filter(f => /standard/.test(f.message));
    expect(standards).toEqual([
      expect.objectContaining({
        level: 'info',
        file: 'catalog-info.yaml',
        message:
          'runbooks checked against the standard of README.md ("Runbook Structure"): 6/6 checks pass; 1 of 1 runbook(s) meet it fully',
      }),
    ]);
  });

  it('a missing required section is a warning at the runbook, an error with --strict-standards', async () => {
    const files = {
      'catalog-info.yaml': catalog,
      'runbooks/README.md': index,
      'runbooks/down.md': complete.replace('## Rollback', '## Notes'),
    };
    const relaxed = await lint(files);
    const finding = relaxed.report.findings.find(f =>
      /misses a required section/.test(f.message),
    );
    expect(relaxed.code).toBe(0);
    expect(finding).toMatchObject({
      level: 'warning',
      file: 'runbooks/down.md',
      subject: 'down.md',
      message:
        'misses a required section: No heading "Rollback" (the standard of README.md ("Runbook Structure"))',
    });
    const strict = await lint(files, ['--strict-standards']);
    expect(strict.code).toBe(1);
    expect(strict.report.errors).toBe(1);
  });

  it('notes the other failing checks with the score', async () => {
    const { report } = await lint({
      'catalog-info.yaml': catalog,
      'runbooks/README.md': index,
      'runbooks/down.md': complete.replace('Reviewed by: jane', ''),
    });
    expect(
      report.findings.find(f => /^standards /.test(f.message))?.message,
    ).toBe(
      'standards 5/6; failing: Review date and reviewer (Reviewed 2026-11-01, but by whom is not stated ("Reviewed by: …" or front matter reviewer))',
    );
  });
});
