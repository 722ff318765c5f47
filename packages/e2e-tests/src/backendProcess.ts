import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';

/** The repository root. */
// Tests always run from source, never from a build.
// eslint-disable-next-line no-restricted-syntax
export const repoRoot = path.resolve(__dirname, '../../..');

/** A static token the tests use to call the backend's APIs directly. */
export const serviceToken = 'e2e-tests-static-token-0123456789abcdef';

/** A port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Polls until `fn` gives a value, or fails naming what it waited for. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 1000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise(r => setTimeout(r, everyMs));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}

/** One backend process started the README's way. */
export type BackendProcess = {
  baseUrl: string;
  api(apiPath: string, init?: RequestInit): Promise<Response>;
  output(): string;
  stop(): Promise<void>;
};

/**
 * Starts `npm run start:backend -- --config app-config.yaml --config <extra>`
 * on a free port, with a static service token, and waits for its health check.
 * `config` is merged over those defaults (database, schedules…).
 */
export async function startBackend(
  config: Record<string, unknown> = {},
): Promise<BackendProcess> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-e2e-'));
  const extra = path.join(dir, 'e2e.yaml');
  const backend = (config.backend ?? {}) as Record<string, unknown>;
  // Tokens a test adds come after the one every test uses.
  const { externalAccess = [] } = (backend.auth ?? {}) as {
    externalAccess?: unknown[];
  };
  fs.writeFileSync(
    extra,
    JSON.stringify({
      ...config,
      app: { baseUrl },
      backend: {
        database: {
          client: 'better-sqlite3',
          connection: { directory: path.join(dir, 'db') },
        },
        ...backend,
        baseUrl,
        listen: { port },
        cors: { origin: baseUrl },
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: serviceToken, subject: 'e2e-tests' },
            },
            ...externalAccess,
          ],
        },
      },
    }),
  );
  let output = '';
  const child: ChildProcess = spawn(
    'npm',
    [
      'run',
      'start:backend',
      '--',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      extra,
    ],
    {
      cwd: repoRoot,
      detached: true,
      // The local portal's guest sign-in exists only in development mode.
      env: { ...process.env, CI: '', NODE_ENV: 'development' },
    },
  );
  child.stdout?.on('data', d => (output += d));
  child.stderr?.on('data', d => (output += d));
  const stop = async () => {
    if (!child.pid) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    await new Promise(resolve => child.once('exit', resolve));
  };
  const api = (apiPath: string, init?: RequestInit) =>
    fetch(`${baseUrl}${apiPath}`, {
      ...init,
      headers: { Authorization: `Bearer ${serviceToken}`, ...init?.headers },
    });
  try {
    await waitFor(
      'the backend health check',
      async () =>
        (await fetch(`${baseUrl}/api/runbooks/health`)).ok ? true : undefined,
      120_000,
    );
  } catch (error) {
    await stop();
    throw new Error(`${error}\n--- backend output ---\n${output.slice(-3000)}`);
  }
  return { baseUrl, api, output: () => output, stop };
}

/** Signs in as the demo's guest user and returns a user token. */
export async function guestToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok)
    throw new Error(`Guest sign-in failed: ${res.status} ${await res.text()}`);
  const body = await res.json();
  return body.backstageIdentity.token;
}
