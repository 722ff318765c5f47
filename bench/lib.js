// Shared helpers of the benchmarks: start the real backend the README's way,
// wait for it, read its memory, run autocannon. Plain Node (CommonJS).
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const repoRoot = path.resolve(__dirname, '..');
const serviceToken = 'bench-static-token-0123456789abcdef0123';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function waitFor(what, fn, timeoutMs, everyMs = 1000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(everyMs);
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}

/** Every process of a process group (the backend runs as npm > sh > backstage-cli > node). */
function groupPids(pgid) {
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** VmRSS and VmHWM (peak) in bytes of one process. */
function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = key => {
      const m = status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
      return m ? Number(m[1]) * 1024 : 0;
    };
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

/**
 * Starts `npm run start:backend -- --config app-config.yaml --config <extra>`
 * on a free port (SQLite in a temp dir, a static service token), waits until
 * `ready(api)` answers. `config` is merged over the defaults; `config.backend`
 * keys over the backend defaults.
 */
async function startBackend(config = {}, options = {}) {
  const port = options.port || (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-bench-'));
  const extra = path.join(dir, 'bench.yaml');
  const backend = config.backend || {};
  // `options.database`: 'sqlite' (default) or 'postgres'; `options.sharedDatabase`
  // reuses another backend's (replicas), left for its owner to drop.
  const db =
    options.sharedDatabase ||
    require('./databases').backendDatabase(
      options.database || 'sqlite',
      dir,
      options.postgresConnection,
    );
  fs.writeFileSync(
    extra,
    JSON.stringify({
      ...config,
      app: { baseUrl },
      backend: {
        database: db.database,
        ...backend,
        baseUrl,
        listen: { port, host: '127.0.0.1' },
        cors: { origin: baseUrl },
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: serviceToken, subject: 'bench' },
            },
          ],
        },
      },
    }),
  );
  let output = '';
  const listeners = [];
  const configArgs = [
    '--config',
    path.join(repoRoot, 'app-config.yaml'),
    '--config',
    extra,
  ];
  // Development (default): the README's `npm run start:backend`, i.e.
  // `backstage-cli package start`. Production: the same backend source
  // started by plain node with NODE_ENV=production, the TypeScript loaded by
  // Backstage's own require hook (as `package start` does), without the CLI's
  // watcher and without --enable-source-maps.
  // Built (`options.entry`): compiled JavaScript started by plain node, no
  // transform at all (see buildBackend.js).
  const child = options.production
    ? spawn(
        process.execPath,
        [
          ...(options.nodeArgs || []),
          ...(options.entry
            ? [options.entry]
            : [
                '--require',
                require.resolve(
                  '@backstage/cli-node/config/nodeTransform.cjs',
                  {
                    paths: [repoRoot],
                  },
                ),
                'src/index',
              ]),
          ...configArgs,
        ],
        {
          cwd: path.join(repoRoot, 'packages/backend'),
          detached: true,
          env: {
            ...process.env,
            CI: '',
            NODE_ENV: 'production',
            ...(options.env || {}),
          },
        },
      )
    : spawn('npm', ['run', 'start:backend', '--', ...configArgs], {
        cwd: repoRoot,
        detached: true,
        env: {
          ...process.env,
          CI: '',
          NODE_ENV: 'development',
          ...(options.env || {}),
        },
      });
  const onData = d => {
    const text = String(d);
    output += text;
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
    for (const l of listeners) l(text);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = false;
  child.once('exit', () => (exited = true));
  const dropDatabases = async () => {
    if (options.sharedDatabase) return;
    await db.cleanup().catch(error => {
      console.error(`could not drop the bench databases: ${error}`);
    });
  };
  const stop = async () => {
    if (exited || !child.pid) {
      await dropDatabases();
      return;
    }
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const gone = new Promise(resolve => child.once('exit', resolve));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10_000);
    await gone;
    clearTimeout(timer);
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // leave it
    }
    await dropDatabases();
  };
  // Never leave a backend behind, whatever happens to the bench.
  const onExit = () => {
    try {
      if (!exited) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // leave it
    }
  };
  process.once('exit', onExit);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      onExit();
      process.exit(130);
    });
  }
  const api = (apiPath, init = {}) =>
    fetch(`${baseUrl}${apiPath}`, {
      ...init,
      headers: { Authorization: `Bearer ${serviceToken}`, ...init.headers },
    });
  /** The node process that serves HTTP: the largest one of the group. */
  const backendPid = () => {
    let best;
    for (const pid of groupPids(child.pid)) {
      let cmd = '';
      try {
        cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (!cmd.startsWith('node') && !cmd.includes('/node\0')) continue;
      const mem = memoryOf(pid);
      if (!best || mem.rss > best.rss) best = { pid, ...mem };
    }
    return best && best.pid;
  };
  const ready =
    options.ready ||
    (async () =>
      (await fetch(`${baseUrl}/api/runbooks/health`)).ok ? true : undefined);
  try {
    await waitFor(
      'the backend',
      async () => {
        if (exited) throw new Error('backend exited');
        return ready(api);
      },
      options.timeoutMs || 180_000,
    );
  } catch (error) {
    await stop();
    throw new Error(`${error}\n--- backend output ---\n${output.slice(-3000)}`);
  }
  return {
    baseUrl,
    dir,
    db,
    child,
    api,
    output: () => output,
    onOutput: fn => listeners.push(fn),
    backendPid,
    stop,
  };
}

/** Runs autocannon for `seconds` after a `warmup` run, both with `connections`. */
async function cannon(
  url,
  { headers = {}, connections = 32, seconds = 10, warmup = 2 } = {},
) {
  const autocannon = require('autocannon');
  const run = duration =>
    autocannon({ url, connections, duration, headers, pipelining: 1 });
  if (warmup) await run(warmup);
  const r = await run(seconds);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    total: r.requests.total,
  };
}

/**
 * Waits until the catalog holds `count` Components (or gives up after
 * `timeoutMs`, or after 60 s without progress at 99%); logs progress every
 * 30 s. Answers how many it holds and after how many seconds.
 */
async function waitForCatalog(backend, count, timeoutMs) {
  const started = Date.now();
  let ingested = 0;
  let lastLog = 0;
  let stableCount = -1;
  let stableSince = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      const res = await backend.api(
        '/api/catalog/entities/by-query?filter=kind=component&limit=1',
      );
      if (res.ok) ingested = (await res.json()).totalItems;
    } catch {
      // busy
    }
    if (ingested >= count) break;
    if (ingested !== stableCount) {
      stableCount = ingested;
      stableSince = Date.now();
    } else if (ingested >= count * 0.99 && Date.now() - stableSince > 60_000) {
      console.log(`  catalog: stuck at ${ingested} for 60 s; going on`);
      break;
    }
    if (Date.now() - lastLog > 30_000) {
      lastLog = Date.now();
      console.log(
        `  catalog: ${ingested}/${count} entities after ${(
          (Date.now() - started) /
          1000
        ).toFixed(0)} s`,
      );
    }
    await sleep(2000);
  }
  return { ingested, seconds: (Date.now() - started) / 1000 };
}

const mb = bytes => (bytes / 1024 / 1024).toFixed(0);

function table(rows, columns) {
  const widths = columns.map(c =>
    Math.max(c.length, ...rows.map(r => String(r[c] ?? '').length)),
  );
  const line = cells =>
    `| ${cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [
    line(columns),
    `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(r => line(columns.map(c => r[c]))),
  ].join('\n');
}

module.exports = {
  repoRoot,
  serviceToken,
  freePort,
  sleep,
  waitFor,
  memoryOf,
  groupPids,
  startBackend,
  waitForCatalog,
  cannon,
  mb,
  table,
};
