import { ChildProcess, execFileSync, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { Browser, chromium, Page } from 'playwright-core';

/** The repository root. */
// Browser tests always run from source, never from a build.
// eslint-disable-next-line no-restricted-syntax
export const repoRoot = path.resolve(__dirname, '../../..');

/** Where screenshots go, kept as CI artifacts. */
export const resultsDir = path.join(repoRoot, 'test-results', 'browser');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A static token the tests use to call the backend's APIs directly. */
export const serviceToken = 'browser-tests-static-token-0123456789';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
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
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}

/** The demo portal, built and served by one backend process on a free port. */
export type Portal = {
  baseUrl: string;
  browser: Browser;
  /** A page signed in as the demo's guest user. */
  signedInPage(): Promise<Page>;
  api(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
  output(): string;
};

/**
 * Builds the app, starts the backend the README's way with the demo catalog
 * and a fresh SQLite folder, waits until the demo entities have runbooks, and
 * launches Debian's chromium.
 */
export async function startPortal(): Promise<Portal> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: run scripts/ensure-chromium.sh (as root) first`,
    );
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  execFileSync('npx', ['backstage-cli', 'package', 'build'], {
    cwd: path.join(repoRoot, 'packages/app'),
    stdio: 'pipe',
    // Jest sets NODE_ENV=test, which the app's browserslist has no entry for.
    env: { ...process.env, NODE_ENV: 'production' },
  });

  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-browser-'));
  const extra = path.join(dir, 'browser-tests.yaml');
  fs.writeFileSync(
    extra,
    JSON.stringify({
      app: { baseUrl },
      backend: {
        baseUrl,
        listen: { port },
        cors: { origin: baseUrl },
        database: {
          client: 'better-sqlite3',
          connection: { directory: path.join(dir, 'db') },
        },
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: serviceToken, subject: 'browser-tests' },
            },
          ],
        },
      },
      runbooks: {
        refresh: {
          frequency: { minutes: 30 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 1 },
        },
      },
      search: {
        collators: {
          runbooks: {
            schedule: {
              frequency: { seconds: 20 },
              timeout: { minutes: 2 },
              initialDelay: { seconds: 5 },
            },
          },
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

  const api = (apiPath: string, init?: RequestInit) =>
    fetch(`${baseUrl}${apiPath}`, {
      ...init,
      headers: { Authorization: `Bearer ${serviceToken}`, ...init?.headers },
    });
  const stop = async () => {
    if (child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  try {
    await waitFor(
      'the backend',
      async () =>
        (await fetch(`${baseUrl}/api/runbooks/health`)).ok ? true : undefined,
      120_000,
    );
    await waitFor(
      "the demo entity's runbooks",
      async () => {
        const res = await api(
          '/api/runbooks/entities/default/component/runbooks-for-backstage',
        );
        return res.ok ? true : undefined;
      },
      120_000,
    );
  } catch (error) {
    await stop();
    throw new Error(`${error}\n--- backend output ---\n${output.slice(-3000)}`);
  }

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
  });
  return {
    baseUrl,
    browser,
    api,
    output: () => output,
    async signedInPage() {
      const page = await browser.newPage({
        viewport: { width: 1400, height: 1000 },
      });
      await page.goto(`${baseUrl}/catalog`);
      await page.getByRole('button', { name: /enter/i }).click();
      try {
        await page.getByText('My Groups').first().waitFor();
      } catch (error) {
        await screenshot(page, '00-sign-in-failed');
        throw error;
      }
      return page;
    },
    async stop() {
      await browser.close();
      await stop();
    },
  };
}

/** Saves a screenshot under test-results/browser. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({
    path: path.join(resultsDir, `${name}.png`),
    fullPage: true,
  });
}
