// Faults under load: two backend replicas on one PostgreSQL of this bench's
// own (initdb in a temp dir, its own port: the shared server is never
// touched), a fixed request rate of mixed traffic to both for 60 s (entity
// reads, alert lookups, reviews, on-demand refreshes), PostgreSQL restarted
// in the middle, then one replica SIGKILLed while it runs the scheduled full
// refresh and a replacement started (as an orchestrator would). Counts
// errors per phase and replica, reviews answered 201 against reviews stored,
// and how long each replica took to serve normally again without being
// restarted. Prints figures; asserts nothing.
'use strict';

const { execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  startBackend,
  freePort,
  sleep,
  waitFor,
  table,
  repoRoot,
} = require('./lib');
const { generate } = require('./refresh');

const RATE = Number(process.env.BENCH_FAULT_RATE || 20); // requests per second, both replicas
const SECONDS = Number(process.env.BENCH_FAULT_SECONDS || 60);
const ENTITIES = Number(process.env.BENCH_FAULT_ENTITIES || 1000);
const PG_RESTART_AT = SECONDS * 0.25;
const KILL_AT = SECONDS * 0.55;
const REQUEST_TIMEOUT_MS = 10_000;
const PG_BIN = process.env.BENCH_PG_BIN || '/usr/lib/postgresql/15/bin';
const MIX = [
  ['entity', 0.4],
  ['alert', 0.3],
  ['review', 0.15],
  ['refresh', 0.15],
];

/** A PostgreSQL of our own: initdb in a temp dir, trust auth on loopback, its own port. */
async function startOwnPostgres() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-faults-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  const asPostgres = process.getuid && process.getuid() === 0;
  if (asPostgres) execFileSync('chown', ['-R', 'postgres', dir]);
  const run = (bin, args) => {
    const cmd = path.join(PG_BIN, bin);
    return asPostgres
      ? execFileSync(
          'su',
          ['postgres', '-c', [cmd, ...args].map(quote).join(' ')],
          {
            encoding: 'utf8',
          },
        )
      : execFileSync(cmd, args, { encoding: 'utf8' });
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`;
  const ctl = (...args) =>
    run('pg_ctl', [
      '-D',
      data,
      '-o',
      options,
      '-l',
      path.join(dir, 'log'),
      '-w',
      ...args,
    ]);
  ctl('start');
  return {
    connection: `postgresql://postgres@127.0.0.1:${port}`,
    restart: () => ctl('restart', '-m', 'fast'),
    stop: () => {
      try {
        ctl('stop', '-m', 'immediate');
      } catch {
        // already down
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function quote(arg) {
  return `'${String(arg).replace(/'/g, `'\\''`)}'`;
}

async function guestToken(baseUrl) {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in: ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

function pick(random) {
  let sum = 0;
  for (const [kind, share] of MIX) {
    sum += share;
    if (random < sum) return kind;
  }
  return MIX[MIX.length - 1][0];
}

async function main() {
  console.log(
    `# faults: 2 replicas on one PostgreSQL (own instance), ${RATE} req/s for ${SECONDS} s ` +
      `(${MIX.map(([k, s]) => `${k} ${s * 100}%`).join(
        ', ',
      )}), ${ENTITIES} entities; ` +
      `PostgreSQL restarted at ${PG_RESTART_AT} s, a replica SIGKILLed during the full refresh from ${KILL_AT} s`,
  );
  const pg = await startOwnPostgres();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-faults-'));
  const replicas = {};
  try {
    const catalogFile = generate(dir, ENTITIES, undefined, {
      owner: 'group:default/platform-team',
    });
    const prefix = 'faults_';
    const shared = {
      database: { client: 'pg', connection: pg.connection, prefix },
      cleanup: async () => {},
    };
    const config = {
      catalog: {
        rules: [{ allow: ['Component', 'Location', 'Group', 'User'] }],
        locations: [
          { type: 'file', target: catalogFile },
          { type: 'file', target: path.join(repoRoot, 'demo/org.yaml') },
        ],
      },
      runbooks: {
        refresh: {
          frequency: { hours: 24 },
          // A run lost with its replica is taken over after this long.
          timeout: { minutes: 0, seconds: 30 },
          initialDelay: { seconds: 1 },
        },
        refreshCooldown: { minutes: 0, seconds: 1 },
      },
    };
    // BENCH_MODE=production: plain node without the CLI's watcher (an edit
    // in the worktree would otherwise restart the replicas mid-run).
    const production = process.env.BENCH_MODE === 'production';
    if (production) {
      config.auth = {
        providers: {
          guest: {
            userEntityRef: 'user:default/guest',
            dangerouslyAllowOutsideDevelopment: true,
          },
        },
      };
    }
    const start = () =>
      startBackend(config, { sharedDatabase: shared, production });
    replicas.a = await start();
    replicas.b = await start();
    console.log('both replicas up; waiting for the catalog and the first read');
    const total = await waitFor(
      'every entity read',
      async () => {
        const res = await replicas.a.api('/api/runbooks/report');
        if (!res.ok) return undefined;
        const { totals } = await res.json();
        return totals.withRunbooks >= ENTITIES ? totals : undefined;
      },
      600_000,
      3000,
    );
    console.log(
      `read: ${total.withRunbooks} entities, ${total.runbooks} runbooks`,
    );
    const tokens = {
      a: await guestToken(replicas.a.baseUrl),
      b: await guestToken(replicas.b.baseUrl),
    };

    const records = [];
    const reviewNotes = [];
    const events = {};
    const t0 = Date.now();
    const elapsed = () => (Date.now() - t0) / 1000;
    let killed;
    let n = 0;
    const send = async () => {
      const i = n++;
      const survivorName = killed === 'a' ? 'b' : 'a';
      const name = killed ? survivorName : i % 2 ? 'b' : 'a';
      const replica = replicas[name];
      const kind = pick(Math.random());
      const e = Math.floor(Math.random() * ENTITIES);
      const svc = `svc-${String(e).padStart(5, '0')}`;
      const entity = `/api/runbooks/entities/default/component/${svc}`;
      const runbook = `runbook-${Math.floor(Math.random() * 5)}`;
      const note = crypto.randomUUID();
      let url;
      const init = { headers: { Authorization: `Bearer ${tokens[name]}` } };
      if (kind === 'entity') url = entity;
      else if (kind === 'alert')
        url = `/api/runbooks/alerts/Svc${e}Alert${runbook.slice(-1)}`;
      else if (kind === 'review') {
        url = `${entity}/runbooks/${runbook}/reviews`;
        Object.assign(init, { method: 'POST', body: JSON.stringify({ note }) });
        init.headers['Content-Type'] = 'application/json';
      } else {
        url = '/api/runbooks/refresh';
        Object.assign(init, {
          method: 'POST',
          body: JSON.stringify({ entityRef: `component:default/${svc}` }),
        });
        init.headers['Content-Type'] = 'application/json';
      }
      const at = elapsed();
      const record = { at, replica: name, process: replica.child.pid, kind };
      try {
        const res = await fetch(`${replica.baseUrl}${url}`, {
          ...init,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const body = await res.text();
        record.status = res.status;
        if (res.status >= 500) record.message = body.slice(0, 300);
        // 429: a refresh of the same entity within the cooldown, as designed.
        record.ok = res.status < 400 || res.status === 429;
        if (kind === 'review' && res.status === 201) reviewNotes.push(note);
      } catch (error) {
        record.status = error.name === 'TimeoutError' ? 'timeout' : 'network';
        record.message = String(error.cause || error);
        record.ok = false;
      }
      record.answeredAt = elapsed();
      records.push(record);
    };

    const pending = new Set();
    const timer = setInterval(() => {
      const p = send().finally(() => pending.delete(p));
      pending.add(p);
    }, 1000 / RATE);

    // PostgreSQL restart.
    await sleep(PG_RESTART_AT * 1000);
    events.pgRestartAt = elapsed();
    pg.restart();
    events.pgBackAt = elapsed();
    console.log(
      `PostgreSQL restarted at ${events.pgRestartAt.toFixed(
        1,
      )} s, accepting again at ${events.pgBackAt.toFixed(1)} s`,
    );

    // A replica killed during the full refresh: edit every runbook so the
    // refresh rewrites everything (long enough to be caught running).
    await sleep(Math.max(0, KILL_AT - elapsed()) * 1000);
    for (const entry of fs.readdirSync(dir)) {
      const folder = path.join(dir, entry);
      if (!fs.statSync(folder).isDirectory()) continue;
      for (const file of fs.readdirSync(folder)) {
        fs.appendFileSync(
          path.join(folder, file),
          '\nEdited during the fault bench.\n',
        );
      }
    }
    const startLine = 'Refreshing the runbooks of every entity';
    const seenBefore = {
      a: replicas.a.output().split(startLine).length,
      b: replicas.b.output().split(startLine).length,
    };
    await replicas.a.api(
      '/api/runbooks/.backstage/scheduler/v1/tasks/runbooks-refresh/trigger',
      { method: 'POST' },
    );
    const runner = await waitFor(
      'a replica to start the refresh',
      async () =>
        ['a', 'b'].find(
          name =>
            replicas[name].output().split(startLine).length > seenBefore[name],
        ),
      60_000,
      100,
    );
    await sleep(1000); // well into the run
    events.killAt = elapsed();
    killed = runner;
    process.kill(-replicas[runner].child.pid, 'SIGKILL');
    console.log(
      `replica ${runner} SIGKILLed at ${events.killAt.toFixed(
        1,
      )} s, 1 s into its full refresh`,
    );
    const dead = replicas[runner];

    await sleep(Math.max(0, SECONDS - elapsed()) * 1000);
    clearInterval(timer);
    await Promise.all(pending);
    const survivor = runner === 'a' ? 'b' : 'a';
    await dead.stop();
    // The replacement starts once the load stopped: on two shared cores its
    // start (minutes of CPU) would otherwise be what the survivor's figures show.
    events.replacementStartAt = elapsed();
    replicas[runner] = await start();
    events.replacementUpAt = elapsed();

    // The refresh the killed replica held resumes elsewhere once its lock times out.
    const refreshedAfter = await waitFor(
      'a full refresh to complete after the kill',
      async () => {
        for (const name of ['a', 'b']) {
          const out = replicas[name].output();
          if (
            /Refreshed runbooks of \d+ entities/.test(
              out.split(startLine).slice(-1)[0] || '',
            )
          ) {
            return elapsed();
          }
        }
        return undefined;
      },
      180_000,
      500,
    ).catch(() => undefined);

    // Reviews answered 201 against rows stored.
    const knex = require('knex')({
      client: 'pg',
      connection: `${pg.connection}/${prefix}runbooks`,
    });
    const stored = new Set(
      await knex('runbooks_reviews').whereIn('note', reviewNotes).pluck('note'),
    );
    await knex.destroy();
    const lost = reviewNotes.filter(note => !stored.has(note));

    // Per replica: errors in each phase and when it last failed after each fault.
    const phases = [
      ['before faults', 0, events.pgRestartAt],
      ['PostgreSQL restart until kill', events.pgRestartAt, events.killAt],
      ['after the kill', events.killAt, SECONDS + 30],
    ];
    const rows = [];
    for (const name of ['a', 'b']) {
      for (const [phase, from, to] of phases) {
        const inPhase = records.filter(
          r => r.replica === name && r.answeredAt >= from && r.answeredAt < to,
        );
        const errors = inPhase.filter(r => !r.ok);
        const byStatus = {};
        for (const r of errors)
          byStatus[r.status] = (byStatus[r.status] || 0) + 1;
        rows.push({
          replica: name + (name === runner ? ' (killed)' : ''),
          phase,
          requests: inPhase.length,
          errors: errors.length,
          'errors by status': Object.entries(byStatus)
            .map(([s, c]) => `${s}: ${c}`)
            .join(', '),
          'last error answered s': errors.length
            ? Math.max(...errors.map(r => r.answeredAt)).toFixed(1)
            : '',
        });
      }
    }
    console.log('');
    console.log(table(rows, Object.keys(rows[0])));
    // Errors answered between the restart and the kill, by when they were answered.
    const recovery = name => {
      const errors = records.filter(
        r =>
          r.replica === name &&
          !r.ok &&
          r.answeredAt >= events.pgRestartAt &&
          r.answeredAt < events.killAt,
      );
      if (!errors.length) return '0 (no error)';
      return (
        Math.max(...errors.map(r => r.answeredAt)) - events.pgRestartAt
      ).toFixed(1);
    };
    const samples = {};
    for (const r of records.filter(r => !r.ok)) {
      const key = `${r.replica} ${r.kind} ${r.status}`;
      if (!samples[key]) {
        samples[key] = `${key} (sent ${r.at.toFixed(
          1,
        )} s, answered ${r.answeredAt.toFixed(1)} s): ${r.message}`;
      }
    }
    console.log('');
    console.log('first error of each kind:');
    for (const line of Object.values(samples))
      console.log(`  ${line.slice(0, 400)}`);
    fs.writeFileSync(
      path.join(os.tmpdir(), 'runbooks-faults-records.json'),
      JSON.stringify({ events, records }),
    );
    console.log('');
    console.log(
      `serving normally again after the PostgreSQL restart (its last error answered, from the restart; PostgreSQL took ${(
        events.pgBackAt - events.pgRestartAt
      ).toFixed(1)} s to accept again): ` +
        `a ${recovery('a')} s, b ${recovery('b')} s`,
    );
    const survivorErrors = records.filter(
      r => r.replica === survivor && r.at >= events.killAt && !r.ok,
    );
    console.log(
      `survivor ${survivor} after the kill: ${survivorErrors.length} errors; ` +
        `requests sent to the killed replica until the load stopped: ${
          records.filter(r => r.replica === runner && r.at >= events.killAt)
            .length
        } (the load generator moved to the survivor at the kill)`,
    );
    console.log(
      `replacement replica started at ${events.replacementStartAt.toFixed(
        1,
      )} s, serving at ${events.replacementUpAt.toFixed(1)} s; ` +
        `a full refresh completed again at ${
          refreshedAfter?.toFixed(1) ?? 'not within 180 s'
        } s ` +
        `(the killed run's lock times out after runbooks.refresh.timeout, 30 s here)`,
    );
    console.log(
      `reviews: ${reviewNotes.length} answered 201, ${stored.size} stored, ${lost.length} lost`,
    );
    const final = await (
      await replicas[survivor].api('/api/runbooks/report')
    ).json();
    console.log(
      `report after the faults: ${
        final.totals.withRunbooks
      } entities with runbooks, ${
        final.totals.runbooks
      } runbooks (expected ${ENTITIES}, ${ENTITIES * 5})`,
    );
  } finally {
    await Promise.all(Object.values(replicas).map(r => r && r.stop()));
    pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = main;
if (require.main === module) {
  main().catch(error => {
    console.error(error);
    process.exitCode = 1;
  });
}
