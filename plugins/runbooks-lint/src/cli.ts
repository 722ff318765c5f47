import fs from 'node:fs/promises';
import path from 'node:path';
import { formatHuman, formatJson } from './format';
import { lintCatalogFile } from './lint';
import {
  PortalConfigError,
  PortalSettings,
  readPortalSettings,
} from './portalConfig';

/** Where the CLI writes and what it runs against. */
export type CliIo = {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
  now?: Date;
};

/** Exit codes: findings with errors, and usage errors. */
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage: runbooks-lint [path] [--format text|json] [--strict-standards]
                     [--config app-config.yaml ...]

Checks a catalog-info.yaml (or the one in a folder; default ./catalog-info.yaml)
and the runbooks its entities' runbooks/* annotations point at: annotation
values, front matter, review dates, index links, alert maps, rule files, and
each runbook against its standard (the index's declared structure, else the
default): a missing required section is a warning.

Options:
  --format text|json  output format (default text)
  --strict-standards  a missing required section is an error
  --config FILE       the portal's app-config: its runbooks.reviewInterval,
                      dueSoonWindow, standards and limits apply (repeatable;
                      later files override earlier ones)
  -h, --help          show this help

Exit code: 0 when there are no errors, 1 when there are, 2 on usage errors.
`;

class UsageError extends Error {}

function parseArgs(argv: string[]) {
  let format = 'text';
  let help = false;
  let strictStandards = false;
  const paths: string[] = [];
  const configs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      help = true;
    } else if (arg === '--strict-standards') {
      strictStandards = true;
    } else if (arg === '--config' || arg.startsWith('--config=')) {
      const value = arg.includes('=') ? arg.slice(9) : argv[++i];
      if (!value) throw new UsageError('--config needs a file');
      configs.push(value);
    } else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice(9) : argv[++i];
      if (value !== 'text' && value !== 'json') {
        throw new UsageError(
          `--format must be text or json, not ${value ?? 'nothing'}`,
        );
      }
      format = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`Unknown option ${arg}`);
    } else {
      paths.push(arg);
    }
  }
  if (paths.length > 1) {
    throw new UsageError(`Expected one path, got ${paths.length}`);
  }
  return { format, help, strictStandards, configs, target: paths[0] ?? '.' };
}

async function resolveCatalogFile(cwd: string, target: string) {
  const absolute = path.resolve(cwd, target);
  let stat;
  try {
    stat = await fs.stat(absolute);
  } catch {
    throw new UsageError(`${target} does not exist`);
  }
  if (!stat.isDirectory()) return absolute;
  for (const name of ['catalog-info.yaml', 'catalog-info.yml']) {
    const candidate = path.join(absolute, name);
    try {
      await fs.access(candidate);
      return candidate;
    } catch {
      // try the next name
    }
  }
  throw new UsageError(`${target} is a folder without a catalog-info.yaml`);
}

/**
 * Runs the CLI with the given arguments; answers the exit code.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let options;
  let file;
  let portal: PortalSettings | undefined;
  try {
    options = parseArgs(argv);
    if (options.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    file = await resolveCatalogFile(io.cwd, options.target);
    if (options.configs.length) {
      portal = await readPortalSettings(
        options.configs.map(config => path.resolve(io.cwd, config)),
      );
    }
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof PortalConfigError)) {
      throw error;
    }
    io.stderr.write(
      `runbooks-lint: ${error.message}\nRun runbooks-lint --help for usage.\n`,
    );
    return EXIT_USAGE;
  }
  const report = await lintCatalogFile(file, {
    cwd: io.cwd,
    now: io.now,
    strictStandards: options.strictStandards,
    portal,
  });
  io.stdout.write(
    options.format === 'json' ? formatJson(report) : formatHuman(report),
  );
  return report.errors ? EXIT_ERRORS : 0;
}
