import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import path from 'path';
import { Browser, chromium, Page } from 'playwright-core';
import { repoRoot } from './backendProcess';

// A portal made by create-app with the suite added the README's way
// (scripts/test-fresh-portal.sh prepares it and runs this file once per
// template and Node line), started with `yarn start` and used in Debian's
// chromium. It is not part of `npm test`: without FRESH_PORTAL_DIR there is
// no portal to start.
jest.setTimeout(900_000);

const portalDir = process.env.FRESH_PORTAL_DIR ?? '';
const template = process.env.FRESH_PORTAL_TEMPLATE ?? 'default';
const yarn = process.env.FRESH_PORTAL_YARN ?? 'yarn';
const node = process.version.split('.')[0];
const shots = path.join(repoRoot, 'test-results', 'fresh-portal');
const service = '/catalog/default/component/runbooks-demo';
// Where the seconds go, one line per step, for scripts/test-fresh-portal.sh.
const stepsFile = process.env.FRESH_PORTAL_STEPS;
let stepStart = Number(process.env.FRESH_PORTAL_T0_MS ?? Date.now());
function step(what: string) {
  const now = Date.now();
  const line = `${((now - stepStart) / 1000).toFixed(1)} s  ${what}\n`;
  stepStart = now;
  if (stepsFile) fs.appendFileSync(stepsFile, line);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  output: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(
    `Timed out waiting for ${what} (${
      last ?? 'no answer'
    })\n--- portal output ---\n${output().slice(-4000)}`,
  );
}

describe(`a fresh create-app portal (${template} template) with the suite, on Node ${node}`, () => {
  let proc: ChildProcess;
  let out = '';
  let browser: Browser;
  let page: Page;
  let appUrl: string;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(portalDir, 'package.json'))) {
      throw new Error(
        'FRESH_PORTAL_DIR names no portal: run scripts/test-fresh-portal.sh',
      );
    }
    fs.mkdirSync(shots, { recursive: true });
    const [appPort, backendPort] = [await freePort(), await freePort()];
    appUrl = `http://localhost:${appPort}`;
    const backendUrl = `http://localhost:${backendPort}`;
    // Ports of their own (other portals may run on 3000 and 7007 here).
    fs.writeFileSync(
      path.join(portalDir, 'app-config.local.yaml'),
      [
        'app:',
        `  baseUrl: ${appUrl}`,
        'backend:',
        `  baseUrl: ${backendUrl}`,
        '  listen:',
        `    port: ${backendPort}`,
        '  cors:',
        `    origin: ${appUrl}`,
        '',
      ].join('\n'),
    );
    step('jest started, test file loaded');
    proc = spawn(yarn, ['start'], {
      cwd: portalDir,
      env: { ...process.env, NODE_ENV: 'development', BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    proc.stdout!.on('data', d => (out += d));
    proc.stderr!.on('data', d => (out += d));
    const exited = new Promise<never>((_, reject) =>
      proc.on('exit', code =>
        reject(new Error(`yarn start exited (${code})\n${out.slice(-4000)}`)),
      ),
    );
    await Promise.race([
      exited,
      waitFor(
        'the backend to serve the demo entity with runbooks',
        async () => {
          const res = await fetch(`${backendUrl}/api/runbooks/health`);
          return res.ok ? true : undefined;
        },
        600_000,
        () => out,
      ),
    ]);
    step('yarn start: the backend serves /api/runbooks/health');
    await Promise.race([
      exited,
      waitFor(
        'the app',
        async () => ((await fetch(appUrl)).ok ? true : undefined),
        600_000,
        () => out,
      ),
    ]);
    step('yarn start: the app answers');
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // A development server on a busy machine: pages and their chunks can take
    // minutes.
    page.setDefaultNavigationTimeout(300_000);
    page.setDefaultTimeout(120_000);
    await page.goto(`${appUrl}/catalog`, { timeout: 300_000 });
    // The guest sign-in page of both templates.
    const enter = page.getByRole('button', { name: /enter/i });
    await enter.click({ timeout: 300_000 });
    await enter.waitFor({ state: 'detached', timeout: 120_000 });
    step('chromium: signed in as guest');
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    // `yarn start` and everything it started share one process group; the
    // backend may linger in its graceful shutdown, so it gets SIGKILL after
    // a while.
    const group = proc?.pid;
    if (!group) return;
    const signal = (name: NodeJS.Signals | 0) => {
      try {
        process.kill(-group, name);
        return true;
      } catch {
        return false;
      }
    };
    signal('SIGTERM');
    for (let i = 0; i < 30 && signal(0); i++) {
      await new Promise(r => setTimeout(r, 500));
    }
    signal('SIGKILL');
    step('portal stopped');
  });

  async function shot(name: string) {
    await page
      .screenshot({
        path: path.join(shots, `${template}-node${node}-${name}.png`),
        fullPage: true,
      })
      .catch(() => undefined);
  }

  it('shows the Runbooks card on the service overview and the Runbooks tab with a rendered runbook', async () => {
    try {
      await page.goto(`${appUrl}${service}`);
      const main = page.locator('main');
      // the card: counts and the link to the tab
      await main
        .getByText(/1 runbook/i)
        .first()
        .waitFor({ timeout: 300_000 });
      await shot('1-overview-card');
      // The entity page's tab: a MUI tab in the legacy app, a header link in
      // the new frontend system's; both link to the tab's path.
      await page
        .locator(`a[href$="${service}/runbooks"]`)
        .filter({ hasText: /^Runbooks$/ })
        .first()
        .click();
      await page.waitForURL(`**${service}/runbooks**`);
      await main
        .getByRole('heading', { name: 'Promote the replica' })
        .waitFor({ timeout: 120_000 });
      expect(await main.locator('table').count()).toBeGreaterThan(0);
      expect(await main.locator('pre code').count()).toBeGreaterThan(0);
    } finally {
      await shot('2-runbooks-tab');
      step('chromium: card, Runbooks tab, rendered runbook');
    }
  });

  it('serves the /runbooks page with the coverage of the catalog', async () => {
    try {
      await page.goto(`${appUrl}/runbooks`);
      const main = page.locator('main');
      await main
        .getByText('runbooks-demo')
        .first()
        .waitFor({ timeout: 120_000 });
      await main.getByText('Database failover').first().waitFor();
      expect(
        await main
          .getByRole('link', { name: 'Database failover' })
          .first()
          .getAttribute('href'),
      ).toContain(`${service}/runbooks/`);
    } finally {
      await shot('3-runbooks-page');
      step('chromium: /runbooks page');
    }
  });
});
