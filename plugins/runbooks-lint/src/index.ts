/**
 * runbooks-lint: checks a service repository's catalog-info.yaml and
 * runbooks the way the Runbooks for Backstage portal will read them.
 *
 * @packageDocumentation
 */

import { runCli } from './cli';

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
}).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(
      `runbooks-lint: ${error instanceof Error ? error.stack : error}\n`,
    );
    process.exitCode = 3;
  },
);
