import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { freePort, waitFor } from './backendProcess';

export const PROMETHEUS = '/usr/bin/prometheus';
export const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';

/** One child process in its own process group, ended by `stop()`. */
export type Child = { name: string; output(): string; stop(): Promise<void> };

/** Fails with what to run when Debian's prometheus packages are missing. */
export function requireMonitoringBinaries(binaries: string[]) {
  const missing = binaries.filter(b => !fs.existsSync(b));
  if (missing.length) {
    throw new Error(
      `${missing.join(
        ' and ',
      )} missing: run scripts/ensure-prometheus.sh (as root) first, or leave these tests out with RUNBOOKS_TEST_PROMETHEUS=0`,
    );
  }
}

/** Starts a binary in its own process group, bounded by `timeout`. */
export function startChild(
  name: string,
  binary: string,
  args: string[],
): Child {
  let output = '';
  // `timeout` bounds the process even if the test runner dies before afterAll.
  const child: ChildProcess = spawn(
    'timeout',
    ['--kill-after=10', '900', binary, ...args],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.stdout?.on('data', d => (output += d));
  child.stderr?.on('data', d => (output += d));
  return {
    name,
    output: () => output,
    async stop() {
      if (!child.pid || child.exitCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A real Alertmanager on loopback, with its own data folder. */
export type Alertmanager = Child & {
  url: string;
  port: number;
  /** Posts alerts to its own `POST /api/v2/alerts`. */
  postAlerts(
    alerts: Array<{
      labels: Record<string, string>;
      annotations?: Record<string, string>;
      startsAt?: string;
      endsAt?: string;
      generatorURL?: string;
    }>,
  ): Promise<void>;
  /** Creates a silence through its API; gives the silence id. */
  silence(
    matchers: Array<{ name: string; value: string; isRegex?: boolean }>,
  ): Promise<string>;
};

/**
 * Starts Debian's prometheus-alertmanager on a free loopback port (no
 * cluster port), routing every alert to a receiver that sends nothing;
 * `E2eInhibitor` inhibits alerts labelled `inhibited="yes"`.
 * `port` reuses a port, to bring the same Alertmanager back after a stop.
 */
export async function startAlertmanager(
  dir: string,
  port?: number,
): Promise<Alertmanager> {
  const amPort = port ?? (await freePort());
  const url = `http://127.0.0.1:${amPort}`;
  // JSON is YAML: Alertmanager reads the file as it is.
  fs.writeFileSync(
    path.join(dir, 'alertmanager.yml'),
    JSON.stringify({
      route: { receiver: 'null', group_wait: '0s' },
      receivers: [{ name: 'null' }],
      // An alert labelled inhibited="yes" is inhibited while E2eInhibitor fires.
      inhibit_rules: [
        {
          source_matchers: ['alertname="E2eInhibitor"'],
          target_matchers: ['inhibited="yes"'],
        },
      ],
    }),
  );
  const child = startChild('alertmanager', ALERTMANAGER, [
    `--config.file=${path.join(dir, 'alertmanager.yml')}`,
    `--storage.path=${path.join(dir, 'alertmanager-data')}`,
    `--web.listen-address=127.0.0.1:${amPort}`,
    // Empty: no cluster port (9094), no gossip.
    '--cluster.listen-address=',
  ]);
  try {
    await waitFor(
      "Alertmanager's readiness",
      async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined),
      60_000,
    );
  } catch (error) {
    await child.stop();
    throw new Error(`${error}\n${child.output().slice(-2000)}`);
  }
  return {
    ...child,
    url,
    port: amPort,
    async postAlerts(alerts) {
      const res = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (!res.ok) {
        throw new Error(`Posting alerts: ${res.status} ${await res.text()}`);
      }
    },
    async silence(matchers) {
      const now = Date.now();
      const res = await fetch(`${url}/api/v2/silences`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          matchers: matchers.map(m => ({
            isRegex: false,
            isEqual: true,
            ...m,
          })),
          startsAt: new Date(now - 1000).toISOString(),
          endsAt: new Date(now + 3_600_000).toISOString(),
          createdBy: 'e2e-tests',
          comment: 'runbooks e2e test',
        }),
      });
      if (!res.ok) {
        throw new Error(
          `Creating a silence: ${res.status} ${await res.text()}`,
        );
      }
      return (await res.json()).silenceID;
    },
  };
}

/** A loopback proxy that counts the requests it forwards. */
export type CountingProxy = {
  url: string;
  /** Requests seen, by path. */
  counts: Map<string, number>;
  count(pathname: string): number;
  stop(): Promise<void>;
};

/** Forwards every request to `target` (an http://127.0.0.1 URL), counting them. */
export async function startCountingProxy(
  target: string,
): Promise<CountingProxy> {
  const counts = new Map<string, number>();
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    counts.set(pathname, (counts.get(pathname) ?? 0) + 1);
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  const port = await freePort();
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    count: pathname => counts.get(pathname) ?? 0,
    stop: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fresh temporary folder for a test's monitoring processes. */
export function monitoringDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-e2e-monitoring-'));
}
