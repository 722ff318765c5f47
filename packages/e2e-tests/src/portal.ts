import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { Browser, chromium, Page } from 'playwright-core';
import {
  BackendProcess,
  repoRoot,
  startBackend,
  waitFor,
} from './backendProcess';

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

/** The demo portal, built and served by one backend process. */
export type Portal = BackendProcess & {
  browser: Browser;
  /** A page signed in as the demo's guest user. */
  signedInPage(): Promise<Page>;
};

/**
 * Builds the app, starts the backend with the demo catalog and a fresh SQLite
 * folder (it serves the built app), waits until the demo entity has
 * runbooks, and launches Debian's chromium.
 */
export async function startPortal(
  options: {
    /** Merged into the `runbooks` config (e.g. `alertmanager`). */
    runbooks?: Record<string, unknown>;
  } = {},
): Promise<Portal> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: run scripts/ensure-chromium.sh (as root) first`,
    );
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  // `npm test` builds the app once before jest starts (test files run in
  // parallel and must not rebuild it under each other); a test run on its
  // own builds it when it is missing.
  if (!fs.existsSync(path.join(repoRoot, 'packages/app/dist/index.html'))) {
    execFileSync('npx', ['backstage-cli', 'package', 'build'], {
      cwd: path.join(repoRoot, 'packages/app'),
      stdio: 'pipe',
      // Jest sets NODE_ENV=test, which the app's browserslist has no entry for.
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
  const backend = await startBackend({
    runbooks: {
      refresh: {
        frequency: { minutes: 30 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 1 },
      },
      ...options.runbooks,
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
  });
  try {
    // Both entities the tests open: this project, and the one-page collection.
    for (const name of ['runbooks-for-backstage', 'portal-alerts']) {
      await waitFor(
        `the runbooks of ${name}`,
        async () => {
          const res = await backend.api(
            `/api/runbooks/entities/default/component/${name}`,
          );
          return res.ok ? true : undefined;
        },
        120_000,
      );
    }
  } catch (error) {
    await backend.stop();
    throw new Error(
      `${error}\n--- backend output ---\n${backend.output().slice(-3000)}`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
  });
  return {
    ...backend,
    browser,
    async signedInPage() {
      const page = await browser.newPage({
        viewport: { width: 1400, height: 1000 },
      });
      await page.goto(`${backend.baseUrl}/catalog`);
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
      await backend.stop();
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
