// The `/runbooks` coverage page in Debian's chromium at 100 and 10,000
// catalog entities (5 runbooks each), on SQLite and PostgreSQL in the same
// run: the real backend (production mode) serving the built app, the
// entities ingested by the real catalog from a generated Location file
// (bench/refresh.js generates them), their runbooks stored by one triggered
// refresh. Then, signed in as guest, the page is opened TRIALS times, each
// a full navigation:
// - content: navigation start until the pager names the number of services;
// - interactive: the end of the last long task (over 50 ms) before a 2 s
//   window without one, once the content shows (Lighthouse's idea of time
//   to interactive, without its network rule);
// - next page: a click on "Next" until the second page's rows show;
// and the slowest `GET /report` answer of each, as chromium timed it.
// Trial 1 loads the plugin's chunks; later trials have them cached. Prints
// figures; asserts nothing.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  repoRoot,
  sleep,
  startBackend,
  table,
  waitFor,
  waitForCatalog,
} = require('./lib');
const { databaseKinds } = require('./databases');
const { backendConfig, generate } = require('./refresh');

const CHROMIUM = '/usr/bin/chromium';
const SIZES = (process.env.BENCH_PAGE_SIZES || '100,10000')
  .split(',')
  .map(Number);
const TRIALS = Number(process.env.BENCH_PAGE_TRIALS || 5);
const INGEST_TIMEOUT_MS =
  Number(process.env.BENCH_INGEST_TIMEOUT_S || 2400) * 1000;
const QUIET_MS = 2000;

// Runs in the page before any of its scripts: every long task, as it ends.
function recordLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      window.__longTasks.push(entry.startTime + entry.duration);
    }
  }).observe({ type: 'longtask', buffered: true });
}

async function refreshRunbooks(backend, count) {
  const done = new Promise(resolve => {
    let buffer = '';
    backend.onOutput(text => {
      buffer = (buffer + text).slice(-10_000);
      const m = buffer.match(
        /Refreshed runbooks of (\d+) entities in (\d+) ms/g,
      );
      const last = m && m[m.length - 1].match(/of (\d+) entities in (\d+) ms/);
      if (last && Number(last[1]) >= count) resolve(Number(last[2]));
    });
  });
  const res = await backend.api(
    '/api/runbooks/.backstage/scheduler/v1/tasks/runbooks-refresh/trigger',
    { method: 'POST' },
  );
  if (!res.ok) {
    throw new Error(`trigger answered ${res.status}: ${await res.text()}`);
  }
  return Promise.race([
    done,
    sleep(20 * 60_000).then(() => {
      throw new Error('the refresh did not end within 20 minutes');
    }),
  ]);
}

// The slowest `GET /api/runbooks/report` answer since `since` (ms, request
// sent to last byte), as chromium timed it.
function reportAnswers(page) {
  const answers = [];
  page.on('requestfinished', request => {
    if (!request.url().includes('/api/runbooks/report')) return;
    const t = request.timing();
    answers.push({ at: Date.now(), ms: t.responseEnd - t.requestStart });
  });
  return since =>
    Math.round(
      Math.max(0, ...answers.filter(a => a.at >= since).map(a => a.ms)),
    );
}

async function openPage(page, baseUrl, slowestAnswer) {
  const pager = page
    .locator('nav[aria-label="Service pages"]')
    .getByText(/^Services 1–25 of \d+$/);
  const started = Date.now();
  await page.goto(`${baseUrl}/runbooks`);
  await pager.waitFor({ timeout: 300_000 });
  const contentMs = Date.now() - started;
  const answerMs = slowestAnswer(started);
  // Quiet: no long task has ended for QUIET_MS.
  let lastEnd = 0;
  await waitFor(
    'the main thread to go quiet',
    async () => {
      const [ends, now] = await page.evaluate(() => [
        window.__longTasks,
        performance.now(),
      ]);
      lastEnd = ends.length ? Math.max(...ends) : 0;
      return now - Math.max(lastEnd, contentMs) >= QUIET_MS ? true : undefined;
    },
    120_000,
    100,
  );
  const interactiveMs = Math.max(contentMs, Math.round(lastEnd));
  const clicked = Date.now();
  await page
    .locator('nav[aria-label="Service pages"]')
    .getByRole('button', { name: 'Next' })
    .click();
  await page
    .locator('nav[aria-label="Service pages"]')
    .getByText(/^Services 26–50 of \d+$/)
    .waitFor({ timeout: 120_000 });
  const nextMs = Date.now() - clicked;
  return {
    contentMs,
    interactiveMs,
    answerMs,
    nextMs,
    nextAnswerMs: slowestAnswer(clicked),
  };
}

async function runOn(kind, size, browser) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-bench-page-'));
  let backend;
  try {
    const catalogFile = generate(dir, size);
    const config = backendConfig(catalogFile);
    config.auth = {
      providers: {
        guest: {
          userEntityRef: 'user:default/guest',
          dangerouslyAllowOutsideDevelopment: true,
        },
      },
    };
    backend = await startBackend(config, {
      database: kind,
      production: true,
    });
    const catalog = await waitForCatalog(backend, size, INGEST_TIMEOUT_MS);
    await sleep(5000); // the catalog's stitching settles
    const refreshMs = await refreshRunbooks(backend, catalog.ingested);
    console.log(
      `  ${kind}, ${size} entities: catalog ${
        catalog.ingested
      } in ${catalog.seconds.toFixed(0)} s, runbooks refreshed in ${(
        refreshMs / 1000
      ).toFixed(1)} s`,
    );
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
    });
    await context.addInitScript(recordLongTasks);
    const page = await context.newPage();
    const slowestAnswer = reportAnswers(page);
    page.setDefaultTimeout(120_000);
    await page.goto(`${backend.baseUrl}/catalog`);
    const enter = page.getByRole('button', { name: /enter/i });
    await enter.click();
    await enter.waitFor({ state: 'detached' });
    const trials = [];
    for (let trial = 1; trial <= TRIALS; trial++) {
      trials.push(
        await openPage(page, backend.baseUrl, slowestAnswer),
      );
    }
    await context.close();
    const warm = trials.slice(1);
    const median = pick => {
      const sorted = warm.map(pick).sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)];
    };
    const row = {
      db: kind,
      entities: catalog.ingested,
      'first: content ms': trials[0].contentMs,
      'first: interactive ms': trials[0].interactiveMs,
      'repeat: content ms': median(t => t.contentMs),
      'repeat: interactive ms': median(t => t.interactiveMs),
      'repeat: slowest report answer ms': median(t => t.answerMs),
      'next page ms': median(t => t.nextMs),
      'next page: slowest report answer ms': median(t => t.nextAnswerMs),
    };
    console.log(`  ${JSON.stringify(row)}`);
    return row;
  } finally {
    if (backend) await backend.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = async function coveragePageBench() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} missing: bash scripts/ensure-chromium.sh`);
  }
  if (!fs.existsSync(path.join(repoRoot, 'packages/app/dist/index.html'))) {
    throw new Error(
      'packages/app/dist is missing: (cd packages/app && NODE_ENV=production npx backstage-cli package build)',
    );
  }
  console.log(
    `# coverage page: ${TRIALS} navigations to /runbooks per size and database (median of trials 2–${TRIALS} as "repeat"), Debian's chromium, production-mode backend serving the built app`,
  );
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const rows = [];
  try {
    for (const kind of databaseKinds()) {
      for (const size of SIZES) rows.push(await runOn(kind, size, browser));
    }
  } finally {
    await browser.close();
  }
  console.log('');
  console.log(table(rows, Object.keys(rows[0])));
  for (const kind of databaseKinds()) {
    const [small, large] = rows.filter(r => r.db === kind);
    if (!small || !large) continue;
    console.log(
      `ratio ${large.entities}/${
        small.entities
      } entities [${kind}]: repeat interactive ${(
        large['repeat: interactive ms'] / small['repeat: interactive ms']
      ).toFixed(1)}x, next page ${(
        large['next page ms'] / small['next page ms']
      ).toFixed(1)}x`,
    );
  }
};
