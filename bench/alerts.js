// Alert lookup time with 100 versus 100,000 alerts in the store: the plugin's
// own DatabaseRunbooksStore (loaded from its TypeScript through Backstage's
// require hook) and migrations on a temp SQLite file, rows inserted directly,
// then `findAlert` timed; on SQLite and PostgreSQL (bench/databases.js).
// Prints figures and the ratio; asserts nothing.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { table } = require('./lib');
const { databaseKinds, knexFor } = require('./databases');

const repoRoot = path.resolve(__dirname, '..');
const LOOKUPS = Number(process.env.BENCH_LOOKUPS || 20000);
const ALERTS_PER_ENTITY = 10;
// A few glob mappings (`KubePod*: pods.md`) every lookup also reads.
const PATTERNS = 5;

/** The plugin's store on `db`, migrated. */
async function createStore(db) {
  require(require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
    paths: [repoRoot],
  }));
  const {
    DatabaseRunbooksStore,
  } = require('../plugins/runbooks-backend/src/database/DatabaseRunbooksStore');
  return DatabaseRunbooksStore.create({
    database: { getClient: async () => db },
  });
}

async function fill(db, alerts) {
  const entities = Math.ceil(alerts / ALERTS_PER_ENTITY);
  const now = new Date().toISOString();
  const chunk = 200;
  const entityRows = Array.from({ length: entities }, (_, e) => ({
    entity_ref: `component:default/svc-${e}`,
    refreshed_at: now,
    data: JSON.stringify({ problems: [], alerts: [] }),
  }));
  for (let i = 0; i < entityRows.length; i += chunk) {
    await db('runbooks_entities').insert(entityRows.slice(i, i + chunk));
  }
  const rows = [];
  for (let i = 0; i < alerts; i++) {
    const e = Math.floor(i / ALERTS_PER_ENTITY);
    const name = `Svc${e}Alert${i % ALERTS_PER_ENTITY}`;
    rows.push({
      entity_ref: `component:default/svc-${e}`,
      alert: name,
      alert_key: name.toLowerCase(),
      pattern: null,
      runbook_id: `runbook-${i % 5}`,
      anchor: null,
      source: 'front-matter',
      rule: JSON.stringify({
        severity: 'critical',
        labels: {},
        file: 'rules.yaml',
      }),
    });
  }
  for (let p = 0; p < PATTERNS; p++) {
    rows.push({
      entity_ref: `component:default/svc-${p}`,
      alert: `Kube${p}*`,
      alert_key: '*',
      pattern: `Kube${p}*`,
      runbook_id: 'runbook-0',
      anchor: null,
      source: 'annotation',
      rule: null,
    });
  }
  await db.transaction(async tx => {
    for (let i = 0; i < rows.length; i += chunk) {
      await tx('runbooks_alerts').insert(rows.slice(i, i + chunk));
    }
  });
  return { entities, names: rows.filter(r => !r.pattern).map(r => r.alert) };
}

async function measure(kind, alerts) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-bench-alerts-'));
  const { db, cleanup } = await knexFor(
    kind,
    path.join(dir, 'runbooks.sqlite'),
  );
  try {
    const store = await createStore(db);
    const filled = Date.now();
    const { entities, names } = await fill(db, alerts);
    const fillMs = Date.now() - filled;
    // Hits spread over the whole table, plus names nothing answers.
    const targets = Array.from({ length: LOOKUPS }, (_, i) =>
      i % 10 === 9
        ? `NoSuchAlert${i}`
        : names[(i * 7919) % names.length].toUpperCase(),
    );
    for (let i = 0; i < 2000; i++)
      await store.findAlert(targets[i % targets.length]);
    const times = [];
    let found = 0;
    const start = process.hrtime.bigint();
    for (const t of targets) {
      const t0 = process.hrtime.bigint();
      found += (await store.findAlert(t)).length;
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
    times.sort((a, b) => a - b);
    // The plan of the statement findAlert really ran.
    let statement;
    db.once('query', q => (statement = q));
    await store.findAlert('x');
    const plan =
      kind === 'sqlite'
        ? (
            await db.raw(
              `EXPLAIN QUERY PLAN ${statement.sql}`,
              statement.bindings,
            )
          ).map(p => p.detail)
        : (
            await db.raw(
              `EXPLAIN ${statement.sql.replace(/\$\d+/g, '?')}`,
              statement.bindings,
            )
          ).rows.map(p => p['QUERY PLAN'].trim());
    return {
      kind,
      alerts,
      entities,
      fillMs,
      mean: totalMs / LOOKUPS,
      p50: times[Math.floor(times.length * 0.5)],
      p99: times[Math.floor(times.length * 0.99)],
      rowsPerLookup: found / LOOKUPS,
      plan: plan.join('; '),
    };
  } finally {
    await cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(
    `# alerts: ${LOOKUPS} lookups (DatabaseRunbooksStore.findAlert, knex on ${databaseKinds().join(
      ' and ',
    )}, ` + `${PATTERNS} glob rows in every store, 1 in 10 names unknown)`,
  );
  for (const kind of databaseKinds()) {
    // The first store measured also warms up knex and the JIT: measure the
    // small store again after the large one and keep its second figures.
    await measure(kind, 100);
    const large = await measure(kind, 100_000);
    const small = await measure(kind, 100);
    const rows = [small, large].map(r => ({
      db: r.kind,
      alerts: r.alerts,
      entities: r.entities,
      'mean ms': r.mean.toFixed(3),
      'p50 ms': r.p50.toFixed(3),
      'p99 ms': r.p99.toFixed(3),
      'rows/lookup': r.rowsPerLookup.toFixed(2),
      'fill ms': r.fillMs,
    }));
    console.log(table(rows, Object.keys(rows[0])));
    console.log(`query plan [${kind}]: ${large.plan}`);
    console.log(
      `ratio 100k/100 [${kind}]: mean ${(large.mean / small.mean).toFixed(
        2,
      )}x, p99 ${(large.p99 / small.p99).toFixed(2)}x (target: flat, ~1x)`,
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
