// The coverage report at 100 and 10,000 entities (5 runbooks each, a tenth
// of them reviewed in the portal), on SQLite and PostgreSQL: the plugin's
// store filled through saveSnapshots, then the report built the way
// `GET /report` builds it: a page (`?limit=50`, SQL aggregates, the page's
// entities presented) and the whole report (no parameters, every runbook
// read and presented). Page calls reuse the per-entity counts while the
// store's report version is unchanged, as the service does; a review is
// added every 20th call, so those calls count again. The catalog is a stand-in that answers the caller's
// scope at once (the real one is asked twice per caller and reused 30 s);
// no HTTP. Prints p50/p99 and the ratio 10,000/100; asserts nothing.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { repoRoot, table } = require('./lib');
const { databaseKinds, knexFor } = require('./databases');

const SIZES = [100, 10_000];
const CALLS = Number(process.env.BENCH_REPORT_CALLS || 200);
const WHOLE_CALLS = Number(process.env.BENCH_REPORT_WHOLE_CALLS || 10);

function snapshot(e) {
  const entityRef = `component:default/svc-${String(e).padStart(5, '0')}`;
  return {
    entityRef,
    entityTitle: `Service ${e}`,
    owner: `group:default/team-${e % 50}`,
    refreshedAt: new Date().toISOString(),
    problems: [],
    alerts: [
      {
        alert: `Svc${e}Alert0`,
        runbookId: 'runbook-0',
        source: 'front-matter',
      },
    ],
    alertRules: [],
    alertsWithoutRunbook: e % 7 ? [] : [{ alert: `Svc${e}Lonely` }],
    escalation: [],
    runbooks: Array.from({ length: 5 }, (_, r) => ({
      id: `runbook-${r}`,
      title: `Runbook ${r}`,
      path: `runbook-${r}.md`,
      alerts: [`Svc${e}Alert${r}`],
      missing: false,
      lastReviewed: r === 4 ? undefined : `2026-0${1 + ((e + r) % 9)}-15`,
      markdown: `# Runbook ${r}\n\nSteps.\n`,
      headings: [],
    })),
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function time(calls, fn) {
  for (let i = 0; i < Math.min(5, calls); i++) await fn(i);
  const times = [];
  for (let i = 0; i < calls; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

async function main() {
  require(require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
    paths: [repoRoot],
  }));
  const src = '../plugins/runbooks-backend/src';
  const {
    DatabaseRunbooksStore,
  } = require(`${src}/database/DatabaseRunbooksStore`);
  const { buildCoverageReportPage } = require(`${src}/service/coveragePage`);
  const { ReportRowsCache } = require(`${src}/service/reportRowsCache`);
  const { buildCoverageReport } = require(`${src}/service/coverageReport`);
  const { presentRunbook } = require(`${src}/service/presentRunbook`);
  const { readRunbooksConfig } = require(`${src}/config`);
  const { ConfigReader } = require('@backstage/config');
  const config = readRunbooksConfig(new ConfigReader({}));
  const readModel = {
    present: (ref, entity, runbook, review) =>
      presentRunbook({ config, ref, entity, runbook, review, now: new Date() }),
  };
  console.log(
    `# report: ${CALLS} page calls (limit 50, then with status=stale&sort=due, then q=svc-00042) ` +
      `and ${WHOLE_CALLS} whole-report calls per size and database; service layer, catalog stand-in`,
  );
  const results = [];
  for (const kind of databaseKinds()) {
    for (const size of SIZES) {
      const dir = fs.mkdtempSync(
        path.join(os.tmpdir(), 'runbooks-bench-report-'),
      );
      const { db, cleanup } = await knexFor(
        kind,
        path.join(dir, 'runbooks.sqlite'),
      );
      try {
        const store = await DatabaseRunbooksStore.create({
          database: { getClient: async () => db },
        });
        const snapshots = Array.from({ length: size }, (_, e) => snapshot(e));
        for (let i = 0; i < snapshots.length; i += 50) {
          await store.saveSnapshots(snapshots.slice(i, i + 50));
        }
        for (let e = 0; e < size; e += 10) {
          await store.addReview(snapshots[e].entityRef, 'runbook-4', {
            reviewer: 'user:default/jane',
            reviewedAt: new Date().toISOString(),
          });
        }
        // Planner statistics as autovacuum keeps them on a running
        // PostgreSQL; right after a bulk load it has none yet.
        if (kind === 'postgres') await db.raw('ANALYZE');
        const refs = new Set(snapshots.map(s => s.entityRef));
        const scope = {
          withRunbooks: refs,
          components: snapshots.map(s => ({
            entityRef: s.entityRef,
            title: s.entityTitle,
            owner: s.owner,
          })),
        };
        const catalog = {
          coverageScope: async () => scope,
          readableRefsUncached: async list => new Set(list),
          readableComponents: async () => [],
        };
        // As the service keeps it: one per process, checked against the store's version.
        const rows = new ReportRowsCache({
          store,
          dueSoonWindow: config.dueSoonWindow,
        });
        const queries = [
          { limit: 50 },
          { limit: 50, status: 'stale', sort: 'due' },
          { limit: 50, q: 'svc-00042' },
        ];
        const page = await time(CALLS, async i => {
          if (i % 20 === 19) {
            await store.addReview(snapshots[i % size].entityRef, 'runbook-3', {
              reviewer: 'user:default/raj',
              reviewedAt: new Date().toISOString(),
            });
          }
          return buildCoverageReportPage(
            {
              store,
              rows,
              catalog,
              readModel,
              now: new Date(),
            },
            queries[i % queries.length],
            {},
          );
        });
        const whole = await time(WHOLE_CALLS, () =>
          buildCoverageReport({ store, catalog, readModel }, {}),
        );
        const sample = await buildCoverageReportPage(
          {
            store,
            rows,
            catalog,
            readModel,
            now: new Date(),
          },
          { limit: 50 },
          {},
        );
        results.push({
          db: kind,
          entities: size,
          runbooks: sample.totals.runbooks,
          'page p50 ms': page.p50.toFixed(1),
          'page p99 ms': page.p99.toFixed(1),
          'whole p50 ms': whole.p50.toFixed(1),
          'whole p99 ms': whole.p99.toFixed(1),
        });
        console.log(`  ${JSON.stringify(results[results.length - 1])}`);
      } finally {
        await cleanup();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  console.log('');
  console.log(table(results, Object.keys(results[0])));
  for (const kind of databaseKinds()) {
    const [small, large] = results.filter(r => r.db === kind);
    console.log(
      `ratio 10,000/100 [${kind}]: page p50 ${(
        large['page p50 ms'] / small['page p50 ms']
      ).toFixed(1)}x, ` +
        `p99 ${(large['page p99 ms'] / small['page p99 ms']).toFixed(
          1,
        )}x; whole report p50 ${(
          large['whole p50 ms'] / small['whole p50 ms']
        ).toFixed(1)}x (target for the report: within 2x)`,
    );
  }
}

module.exports = main;
if (require.main === module) {
  main().catch(error => {
    console.error(error);
    process.exitCode = 1;
  });
}
