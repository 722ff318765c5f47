import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The bin as CI runs it: a separate node process, from the TypeScript sources.
jest.setTimeout(60_000);

const bin = path.resolve(__dirname, '../bin/runbooks-lint');

function runBin(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function catalogInfo(interval: string) {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    '  name: svc',
    '  annotations:',
    `    runbooks/review-interval: ${interval}`,
    'spec: { type: service, lifecycle: production, owner: team-a }',
  ].join('\n');
}

describe('bin/runbooks-lint', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-lint-bin-'));
  fs.writeFileSync(path.join(dir, 'good.yaml'), catalogInfo('90d'));
  fs.writeFileSync(path.join(dir, 'bad.yaml'), catalogInfo('sometimes'));

  it('exits 0 without errors', () => {
    const result = runBin(['good.yaml'], dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('No problems found');
  });

  it('exits 1 with errors, and prints JSON when asked', () => {
    const result = runBin(['bad.yaml', '--format=json'], dir);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      errors: 1,
      warnings: 0,
      findings: [
        {
          level: 'error',
          file: 'bad.yaml',
          line: 6,
          subject: 'runbooks/review-interval',
        },
      ],
    });
  });

  it('exits 2 on usage errors', () => {
    expect(runBin(['--nope'], dir).code).toBe(2);
    expect(runBin(['missing.yaml'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('missing.yaml does not exist'),
    });
  });
});
