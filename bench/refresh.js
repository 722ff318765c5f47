// A full refresh of generated entities (10,000 entities with 5 runbooks each,
// 50,000 runbooks, by default) by the real backend: the entities come from a
// generated catalog Location file, the runbooks from generated folders; the
// bench waits for the catalog to ingest them, triggers the `runbooks-refresh`
// task through the scheduler's HTTP API, and reads the duration from the
// plugin's log line "Refreshed runbooks of N entities in X ms". Memory: VmRSS
// of the backend's node process polled every 250 ms during the refresh, and
// VmHWM. On SQLite and PostgreSQL in the same run (bench/databases.js).
// BENCH_SOURCE=url: every entity's runbooks are a `url:` folder of its own
// GitHub repository, served by a loopback server answering as GitHub's REST
// API (src/sources/__testUtils__/fakeGithubApi.ts), which counts requests
// and bytes per run. Prints figures; asserts nothing.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  startBackend,
  waitForCatalog,
  memoryOf,
  mb,
  sleep,
  waitFor,
  table,
  repoRoot,
} = require('./lib');
const { databaseKinds } = require('./databases');

const SOURCE = process.env.BENCH_SOURCE || 'dir';

const ENTITIES = Number(process.env.BENCH_ENTITIES || 10_000);
const RUNBOOKS_PER_ENTITY = 5;
const INGEST_TIMEOUT_MS =
  Number(process.env.BENCH_INGEST_TIMEOUT_S || 480) * 1000;
const RUNS = Number(process.env.BENCH_REFRESH_RUNS || 2);

/** The runbook files of entity `e`; for url sources the same in every repository (one archive). */
function runbookFiles(e, name) {
  const files = {};
  for (let r = 0; r < RUNBOOKS_PER_ENTITY; r++) {
    const alert = `Svc${e}Alert${r}`;
    files[`runbook-${r}.md`] = [
      '---',
      `title: ${name} runbook ${r}`,
      `alerts: [${alert}]`,
      `severity: P${r % 4}`,
      `owner: group:default/team-${e % 50}`,
      `last-reviewed: 2026-0${1 + (r % 9)}-15`,
      'tags: [generated, bench]',
      '---',
      `# ${name} runbook ${r}`,
      '',
      `What to do when **${alert}** fires for ${name}.`,
      '',
      '## Diagnose',
      '',
      '1. Check the dashboard.',
      `2. \`kubectl -n ${name} get pods\``,
      '3. Read the logs of the failing pod.',
      '',
      '## Mitigate',
      '',
      '- Roll back the last deploy.',
      '- Scale up if saturated.',
      '',
      '## Escalate',
      '',
      `Page the owner of ${name} if not resolved in 15 minutes.`,
      '',
    ].join('\n');
  }
  return files;
}

function generate(dir, count, repos, options = {}) {
  const docs = [];
  for (let e = 0; e < count; e++) {
    const name = `svc-${String(e).padStart(5, '0')}`;
    if (repos) {
      const files = {};
      for (const [file, text] of Object.entries(
        runbookFiles(0, 'the service'),
      )) {
        files[`runbooks/${file}`] = text;
      }
      repos.set(`acme/${name}`, { files });
    } else {
      const folder = path.join(dir, name);
      fs.mkdirSync(folder);
      for (const [file, text] of Object.entries(runbookFiles(e, name))) {
        fs.writeFileSync(path.join(folder, file), text);
      }
    }
    docs.push(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        `  name: ${name}`,
        '  annotations:',
        repos
          ? `    runbooks/location: url:https://github.com/acme/${name}/tree/main/runbooks`
          : `    runbooks/location: dir:./${name}`,
        'spec:',
        '  type: service',
        '  lifecycle: production',
        `  owner: ${options.owner || `group:default/team-${e % 50}`}`,
      ].join('\n'),
    );
  }
  const file = path.join(dir, 'catalog-info.yaml');
  fs.writeFileSync(file, `${docs.join('\n---\n')}\n`);
  return file;
}

/**
 * The bench backend's config: the generated catalog file as the only
 * location, nothing else on a schedule, and the runbooks refresh run once
 * right after startup (while the catalog is still empty), then only when
 * triggered through the scheduler's API.
 */
function backendConfig(catalogFile, github) {
  const later = { hours: 12 };
  return {
    ...(github
      ? {
          integrations: {
            github: [
              {
                host: 'github.com',
                apiBaseUrl: github.apiBaseUrl,
                rawBaseUrl: `${github.baseUrl}/raw`,
                token: 'bench-token',
              },
            ],
          },
        }
      : {}),
    catalog: {
      rules: [{ allow: ['Component', 'Location'] }],
      locations: [{ type: 'file', target: catalogFile }],
      processingInterval: { hours: 1 },
    },
    // Nothing else runs on a schedule while the refresh is measured.
    search: {
      collators: {
        catalog: {
          schedule: {
            frequency: later,
            timeout: { minutes: 15 },
            initialDelay: later,
          },
        },
        runbooks: {
          schedule: {
            frequency: later,
            timeout: { minutes: 15 },
            initialDelay: later,
          },
        },
      },
    },
    runbooks: {
      // The scheduler's worker only listens for triggers after its initial
      // delay: run once 1 s after startup (the catalog is still empty then),
      // then only when triggered.
      refresh: {
        frequency: { hours: 24 },
        timeout: { minutes: 30 },
        initialDelay: { seconds: 1 },
      },
      discovery: {
        frequency: { hours: 24 },
        timeout: { minutes: 30 },
        initialDelay: later,
      },
      // Measured as fast as the refresh reads; spreading would make the
      // time the spread window.
      sources: { allow: ['github.com'], spreadReadsOver: { seconds: 0 } },
    },
  };
}

async function startGithub(repos) {
  require(require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
    paths: [repoRoot],
  }));
  const {
    startFakeGithubApi,
  } = require('../plugins/runbooks-backend/src/sources/__testUtils__/fakeGithubApi');
  return startFakeGithubApi(repos);
}

async function main() {
  const all = [];
  const repos = SOURCE === 'url' ? new Map() : undefined;
  const github = repos ? await startGithub(repos) : undefined;
  try {
    for (const kind of databaseKinds()) {
      const results = await runOn(kind, repos, github);
      all.push(...results.map(r => ({ kind, ...r })));
    }
  } finally {
    if (github) await github.close();
  }
  console.log('');
  console.log(`# refresh summary (${SOURCE} sources)`);
  console.log(
    table(
      all.map(r => ({
        db: r.kind,
        run: r.run === 1 ? '1 (first read)' : `${r.run} (re-read)`,
        entities: r.entities,
        unchanged: r.unchanged ?? '',
        'refresh s': (r.ms / 1000).toFixed(1),
        ...(github
          ? {
              requests: r.github.requests,
              'tarballs downloaded': r.github.tarball,
              'commit lookups': r.github.status,
              'body bytes sent': r.github.bytes,
            }
          : {}),
        'growth MB (refresh)': mb(r.peakRefresh - r.before.rss),
      })),
      [
        'db',
        'run',
        'entities',
        'unchanged',
        'refresh s',
        ...(github
          ? [
              'requests',
              'tarballs downloaded',
              'commit lookups',
              'body bytes sent',
            ]
          : []),
        'growth MB (refresh)',
      ],
    ),
  );
}

async function runOn(kind, repos, github) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-bench-refresh-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  let backend;
  try {
    const t0 = Date.now();
    const catalogFile = generate(dir, ENTITIES, repos);
    console.log(
      `# refresh on ${kind}: generated ${ENTITIES} entities, ${
        ENTITIES * RUNBOOKS_PER_ENTITY
      } runbooks (${SOURCE} sources) in ${Date.now() - t0} ms (${dir})`,
    );
    const started = Date.now();
    let startupRun;
    const startupLine = output => {
      const m = output.match(
        /Refreshed runbooks of (\d+) entities in (\d+) ms/,
      );
      return m ? `${m[1]} entities in ${m[2]} ms` : undefined;
    };
    backend = await startBackend(backendConfig(catalogFile, github), {
      database: kind,
      // BENCH_MODE=production: plain node without the CLI's watcher.
      production: process.env.BENCH_MODE === 'production',
    });
    console.log(
      `backend up in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );

    // Wait for the catalog to ingest the entities (or give up, labelled).
    const { ingested, seconds: ingestS } = await waitForCatalog(
      backend,
      ENTITIES,
      INGEST_TIMEOUT_MS,
    );
    console.log(
      `catalog ingested ${ingested}/${ENTITIES} entities in ${ingestS.toFixed(
        0,
      )} s` +
        (ingested < ENTITIES
          ? ' (not all: the refresh below covers only those)'
          : ''),
    );
    startupRun = await waitFor(
      'the refresh run at startup',
      async () => startupLine(backend.output()),
      60_000,
    );
    console.log(`refresh run at startup (catalog still empty): ${startupRun}`);
    await sleep(5000); // let the catalog's stitching settle

    const pid = backend.backendPid();
    const results = [];
    for (let run = 1; run <= RUNS; run++) {
      const before = memoryOf(pid);
      let peak = before.rss;
      const line = new Promise(resolve => {
        const re =
          /Refreshed runbooks of (\d+) entities in (\d+) ms(, (\d+) failed)?.*?, (\d+) unchanged/;
        let buffer = '';
        let done = false;
        backend.onOutput(text => {
          if (done) return;
          buffer = (buffer + text).slice(-10_000);
          const m = buffer.match(re);
          if (m) {
            done = true;
            resolve({
              entities: Number(m[1]),
              ms: Number(m[2]),
              failed: Number(m[4] || 0),
              unchanged: Number(m[5]),
            });
          }
        });
      });
      const poll = setInterval(() => {
        peak = Math.max(peak, memoryOf(pid).rss);
      }, 250);
      if (github) github.resetCounts();
      const triggered = Date.now();
      const res = await backend.api(
        '/api/runbooks/.backstage/scheduler/v1/tasks/runbooks-refresh/trigger',
        { method: 'POST' },
      );
      if (!res.ok) {
        clearInterval(poll);
        throw new Error(`trigger answered ${res.status}: ${await res.text()}`);
      }
      let timer;
      const timeout = new Promise(resolve => {
        timer = setTimeout(() => resolve(undefined), 20 * 60_000);
        timer.unref();
      });
      const result = await Promise.race([line, timeout]);
      clearTimeout(timer);
      const refreshedAt = Date.now();
      if (!result) {
        clearInterval(poll);
        throw new Error('refresh did not finish within 20 minutes');
      }
      const peakRefresh = peak;
      // The task goes on with the stale-runbook notifications; wait for it to
      // end (the next trigger would be refused while it runs).
      await waitFor(
        'the refresh task to end',
        async () => {
          const r = await backend.api(
            '/api/runbooks/.backstage/scheduler/v1/tasks',
          );
          const task = (await r.json()).tasks.find(
            t => t.taskId === 'runbooks-refresh',
          );
          return task &&
            task.workerState &&
            task.workerState.status !== 'running'
            ? true
            : undefined;
        },
        20 * 60_000,
        500,
      );
      clearInterval(poll);
      const wallS = (Date.now() - triggered) / 1000;
      const notifyS = (Date.now() - refreshedAt) / 1000;
      const notified = backend
        .output()
        .slice(-20_000)
        .match(/Stale runbook notifications: (\d+) sent, (\d+) failed/);
      result.notifyS = notifyS;
      result.notified = notified
        ? `${notified[1]} sent, ${notified[2]} failed`
        : 'none';
      result.peakRefresh = peakRefresh;
      const after = memoryOf(pid);
      const rows = await (async () => {
        const r = await backend.api('/api/runbooks/report');
        if (!r.ok) return undefined;
        return (await r.json()).totals;
      })();
      results.push({
        run,
        ...result,
        github: github ? { ...github.counts } : undefined,
        wallS,
        before,
        peak,
        after,
        totals: rows,
      });
      console.log(
        `  run ${run}: ${result.entities} entities in ${
          result.ms
        } ms; then stale notifications ${
          result.notified
        } in ${result.notifyS.toFixed(1)} s ` +
          `(task wall ${wallS.toFixed(1)} s incl. scheduler pickup); ` +
          `RSS ${mb(before.rss)} -> peak ${mb(
            result.peakRefresh,
          )} MB during the refresh (+${mb(
            result.peakRefresh - before.rss,
          )}), ` +
          `${mb(peak)} MB during the whole task (+${mb(
            peak - before.rss,
          )}), after ${mb(after.rss)} MB, VmHWM ${mb(after.hwm)} MB` +
          (rows
            ? `; report: ${rows.entities} entities, ${rows.runbooks} runbooks, ${rows.alerts} alerts`
            : '') +
          (github
            ? `; GitHub API: ${github.counts.requests} requests, ${github.counts.tarball} tarballs, ${github.counts.status} commit lookups, ${github.counts.bytes} bytes sent`
            : ''),
      );
      await sleep(3000);
    }
    console.log('');
    console.log(
      table(
        results.map(r => ({
          run: r.run === 1 ? '1 (first read)' : `${r.run} (re-read)`,
          entities: r.entities,
          runbooks: r.totals ? r.totals.runbooks : '?',
          'refresh s': (r.ms / 1000).toFixed(1),
          'ms/entity': (r.ms / r.entities).toFixed(2),
          'notifications s': r.notifyS.toFixed(1),
          'RSS before MB': mb(r.before.rss),
          'peak RSS MB (refresh)': mb(r.peakRefresh),
          'growth MB (refresh)': mb(r.peakRefresh - r.before.rss),
          'growth MB (whole task)': mb(r.peak - r.before.rss),
        })),
        [
          'run',
          'entities',
          'runbooks',
          'refresh s',
          'ms/entity',
          'notifications s',
          'RSS before MB',
          'peak RSS MB (refresh)',
          'growth MB (refresh)',
          'growth MB (whole task)',
        ],
      ),
    );
    if (ingested < ENTITIES) {
      const r = results[0];
      console.log(
        `EXTRAPOLATED to ${ENTITIES} entities (linear): ${(
          ((r.ms / r.entities) * ENTITIES) /
          1000
        ).toFixed(0)} s`,
      );
    }
    console.log('targets: refresh <= 30 s, RSS growth <= 300 MB');
    return results;
  } finally {
    if (backend) await backend.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = main;
module.exports.generate = generate;
module.exports.backendConfig = backendConfig;
if (require.main === module) {
  main().catch(error => {
    console.error(error);
    process.exitCode = 1;
  });
}
