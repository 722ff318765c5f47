// Firing alerts: the load on Alertmanager per poll with 1, 50 and 500
// concurrent viewers, and how fast a new alert shows in the browser.
// Debian's prometheus-alertmanager on loopback, behind a proxy that counts
// its requests; the real backend (development mode) serving the built app;
// Debian's chromium through playwright-core.
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const {
  freePort,
  repoRoot,
  sleep,
  startBackend,
  table,
  waitFor,
} = require('./lib');

const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';
const CHROMIUM = '/usr/bin/chromium';
const POLL_SECONDS = 5;
const WINDOW_SECONDS = 30;
const ENTITY = '/api/runbooks/entities/default/component/payments-api';

async function startAlertmanager(dir) {
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, 'alertmanager.yml'),
    JSON.stringify({
      route: { receiver: 'null' },
      receivers: [{ name: 'null' }],
    }),
  );
  const child = spawn(
    'timeout',
    [
      '--kill-after=10',
      '1800',
      ALERTMANAGER,
      `--config.file=${path.join(dir, 'alertmanager.yml')}`,
      `--storage.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    { detached: true, stdio: 'ignore' },
  );
  process.once('exit', () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    'Alertmanager',
    async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined),
    60_000,
  );
  return {
    url,
    post: async alerts => {
      const res = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (!res.ok) throw new Error(`POST alerts: ${res.status}`);
    },
    stop: () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // gone
      }
    },
  };
}

/** Forwards to `target`, counting requests and answer bytes of /api/v2/alerts. */
async function startCountingProxy(target) {
  const upstream = new URL(target);
  const stats = { requests: 0, bytes: 0 };
  const server = http.createServer((req, res) => {
    const counted = req.url.startsWith('/api/v2/alerts');
    if (counted) stats.requests++;
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      answer => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.on('data', d => {
          if (counted) stats.bytes += d.length;
        });
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  const port = await freePort();
  await new Promise(r => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${port}`, stats, stop: () => server.close() };
}

function percentile(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

/** `viewers` callers, each reading the entity's firing answer every `everyMs`. */
async function viewersFor(backend, proxy, viewers, everyMs) {
  const before = { ...proxy.stats };
  const latencies = [];
  let failed = 0;
  const deadline = Date.now() + WINDOW_SECONDS * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: viewers }, async (_, i) => {
      await sleep((i * everyMs) / viewers);
      while (Date.now() < deadline) {
        const t = Date.now();
        const res = await backend
          .api(`${ENTITY}/firing`)
          .catch(() => undefined);
        if (res && res.ok) await res.arrayBuffer();
        else failed++;
        latencies.push(Date.now() - t);
        await sleep(Math.max(0, everyMs - (Date.now() - t)));
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const requests = proxy.stats.requests - before.requests;
  const polls = seconds / POLL_SECONDS;
  latencies.sort((a, b) => a - b);
  return {
    viewers,
    'each reads': everyMs ? `every ${everyMs / 1000} s` : 'closed loop',
    'viewer requests': latencies.length,
    failed,
    'AM requests': requests,
    'AM requests per poll': (requests / polls).toFixed(2),
    'AM KiB per poll': (
      (proxy.stats.bytes - before.bytes) /
      1024 /
      polls
    ).toFixed(0),
    'answer p50 ms': percentile(latencies, 50),
    'answer p99 ms': percentile(latencies, 99),
  };
}

async function browserLatency(backend, alertmanager, trials) {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const results = [];
  try {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    await page.goto(`${backend.baseUrl}/catalog`);
    await page.getByRole('button', { name: /enter/i }).click();
    await page.getByText('My Groups').first().waitFor();
    await page.goto(
      `${backend.baseUrl}/catalog/default/component/payments-api`,
    );
    await page
      .locator('main')
      .getByText('Firing now', { exact: true })
      .waitFor();
    const banner = page
      .locator('main')
      .getByRole('region', { name: 'Firing alerts' });
    for (let trial = 0; trial < trials; trial++) {
      const labels = {
        alertname: 'PaymentsProviderTimeouts',
        namespace: 'payments',
        instance: `bench-${trial}`,
      };
      // Start at a random point of the poll interval, as a real alert does.
      await sleep(Math.random() * POLL_SECONDS * 1000);
      const posted = Date.now();
      await alertmanager.post([{ labels }]);
      await banner.waitFor({ timeout: 120_000 });
      const shown = Date.now() - posted;
      await sleep(Math.random() * POLL_SECONDS * 1000);
      const resolved = Date.now();
      await alertmanager.post([
        {
          labels,
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: new Date(Date.now() - 1000).toISOString(),
        },
      ]);
      await banner.waitFor({ state: 'detached', timeout: 120_000 });
      results.push({
        trial: trial + 1,
        'shown ms': shown,
        'gone ms': Date.now() - resolved,
      });
    }
  } finally {
    await browser.close();
  }
  return results;
}

module.exports = async function firingBench() {
  for (const binary of [ALERTMANAGER, CHROMIUM]) {
    if (!fs.existsSync(binary)) {
      throw new Error(
        `${binary} missing: scripts/ensure-prometheus.sh, scripts/ensure-chromium.sh`,
      );
    }
  }
  if (!fs.existsSync(path.join(repoRoot, 'packages/app/dist/index.html'))) {
    throw new Error(
      'packages/app/dist is missing: (cd packages/app && NODE_ENV=production npx backstage-cli package build)',
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-bench-firing-'));
  const alertmanager = await startAlertmanager(dir);
  const proxy = await startCountingProxy(alertmanager.url);
  const backend = await startBackend(
    {
      runbooks: {
        refresh: {
          frequency: { minutes: 30 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 1 },
        },
        alertmanager: {
          instances: [{ name: 'bench', baseUrl: proxy.url }],
          pollInterval: { seconds: POLL_SECONDS },
        },
      },
    },
    {
      ready: async api => ((await api(ENTITY)).ok ? true : undefined),
    },
  );
  try {
    // 200 firing alerts: 100 of the entity's, 100 that nobody claims.
    const seed = (ended = false) =>
      Array.from({ length: 200 }, (_, i) => ({
        labels: {
          alertname: i % 2 ? 'PaymentsProviderTimeouts' : 'BenchUnknownAlert',
          namespace: 'payments',
          pod: `pod-${i}`,
        },
        annotations: { summary: `bench alert ${i}` },
        ...(ended
          ? {
              startsAt: new Date(Date.now() - 600_000).toISOString(),
              endsAt: new Date(Date.now() - 1000).toISOString(),
            }
          : {}),
      }));
    await alertmanager.post(seed());
    await waitFor(
      'the bench alerts in the entity answer',
      async () => {
        const answer = await (await backend.api(`${ENTITY}/firing`)).json();
        return answer.alerts.length >= 100 ? true : undefined;
      },
      120_000,
    );
    console.log(
      `poll interval ${POLL_SECONDS} s, ${WINDOW_SECONDS} s per row, each viewer reads GET ${ENTITY}/firing every 10 s (the frontend without signals), every second, or as fast as it can (closed loop); 200 alerts firing, 100 of them the entity's`,
    );
    const rows = [];
    for (const everyMs of [10_000, 1_000, 0]) {
      for (const viewers of [1, 50, 500]) {
        rows.push(await viewersFor(backend, proxy, viewers, everyMs));
      }
    }
    console.log(table(rows, Object.keys(rows[0])));
    // The browser trials start from a quiet entity.
    await alertmanager.post(seed(true));
    await waitFor(
      'the bench alerts resolved',
      async () => {
        const answer = await (await backend.api(`${ENTITY}/firing`)).json();
        return answer.alerts.length === 0 ? true : undefined;
      },
      120_000,
    );
    const trials = await browserLatency(backend, alertmanager, 8);
    console.log(
      `\nPOST to Alertmanager → banner visible / gone in chromium (poll interval ${POLL_SECONDS} s, signals):`,
    );
    console.log(table(trials, Object.keys(trials[0])));
    const shown = trials.map(t => t['shown ms']).sort((a, b) => a - b);
    const gone = trials.map(t => t['gone ms']).sort((a, b) => a - b);
    console.log(
      `shown: median ${percentile(shown, 50)} ms, max ${
        shown[shown.length - 1]
      } ms; gone: median ${percentile(gone, 50)} ms, max ${
        gone[gone.length - 1]
      } ms`,
    );
  } finally {
    await backend.stop();
    proxy.stop();
    alertmanager.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
