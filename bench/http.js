// Throughput and p99 of the runbooks entity API and alert lookup under load,
// against the limits of the same stack measured in the same run.
// Prints figures and ratios; asserts nothing.
'use strict';

const { fork } = require('child_process');
const fs = require('fs');
const path = require('path');
const { startBackend, cannon, serviceToken, table } = require('./lib');
const { databaseKinds } = require('./databases');

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 32);
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const WARMUP = Number(process.env.BENCH_WARMUP || 2);
const ENTITY =
  '/api/runbooks/entities/default/component/runbooks-for-backstage';
// The cheapest authenticated GET of the same backend: the catalog's permission
// metadata (JSON serialized once at startup, no database, behind the same
// token check as every route). /api/runbooks/health skips that check (it is
// unauthenticated), and the runbooks plugin registers no permission metadata.
const TRIVIAL = '/api/catalog/.well-known/backstage/permissions/metadata';
const BY_NAME =
  '/api/catalog/entities/by-name/component/default/runbooks-for-backstage';
const ALERT = '/api/runbooks/alerts/BackstageBackendDown';
const MODE = process.env.BENCH_MODE || 'development';
const PRODUCTION = MODE === 'production' || MODE === 'built';
const MODE_TEXT = {
  development: 'development mode (npm run start:backend)',
  production:
    'production mode (NODE_ENV=production node src/index, TypeScript loaded by the require hook)',
  built:
    'built backend (NODE_ENV=production node, compiled packages: bench/buildBackend.js)',
};

async function main() {
  console.log(
    `# http: ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${SECONDS} s per route, backend in ${
      MODE_TEXT[MODE] ?? MODE
    }`,
  );
  let entry;
  if (MODE === 'built') {
    const { buildBackend, builtBackendEntry } = require('./buildBackend');
    entry =
      process.env.BENCH_REUSE_BUILD && fs.existsSync(builtBackendEntry)
        ? builtBackendEntry
        : buildBackend({ log: line => console.log(line) });
  }
  const results = [];
  const children = [];
  const headers = { authorization: `Bearer ${serviceToken}` };
  const measure = async (name, url, h = headers) => {
    const r = await cannon(url, {
      headers: h,
      connections: CONNECTIONS,
      seconds: SECONDS,
      warmup: WARMUP,
    });
    results.push({ name, ...r });
    console.log(
      `  ${name}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms (non-2xx ${
        r.non2xx
      }, errors ${r.errors})`,
    );
    return r;
  };
  for (const kind of databaseKinds()) {
    const backend = await startBackend(
      PRODUCTION
        ? {
            auth: {
              providers: {
                guest: {
                  userEntityRef: 'user:default/guest',
                  dangerouslyAllowOutsideDevelopment: true,
                },
              },
            },
          }
        : {},
      {
        production: PRODUCTION,
        entry,
        database: kind,
        ready: async api => {
          const res = await api(ENTITY);
          return res.ok ? true : undefined;
        },
      },
    );
    try {
      console.log(`  -- backend on ${kind}`);
      const entityJson = await (await backend.api(ENTITY)).text();
      console.log(`  entity JSON: ${entityJson.length} bytes`);
      // Check the routes answer as expected before loading them.
      for (const [route, token] of [
        [TRIVIAL, false],
        [TRIVIAL, true],
        [BY_NAME, true],
        [ALERT, true],
      ]) {
        const res = token
          ? await backend.api(route)
          : await fetch(`${backend.baseUrl}${route}`);
        const body = await res.text();
        console.log(
          `  check ${token ? 'with' : 'without'} token ${route}: ${
            res.status
          }, ${body.length} bytes`,
        );
      }
      if (!results.length) {
        // (a) bare Express serving the same JSON, in its own Node process (as
        // the backend is), and in the bench's own process (shares a core with
        // autocannon). Independent of the database: measured once.
        const child = fork(path.join(__dirname, 'expressServer.js'), [], {
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        children.push(child);
        const port = await new Promise((resolve, reject) => {
          child.once('message', m => resolve(m.port));
          child.once('exit', code =>
            reject(new Error(`express exited ${code}`)),
          );
          child.send({ json: entityJson });
        });
        await measure(
          'a. bare Express, same JSON (own process)',
          `http://127.0.0.1:${port}/json`,
        );
        child.kill('SIGTERM');
        const { listen } = require('./expressServer');
        const inProcess = await listen(entityJson);
        await measure(
          'a2. bare Express, same JSON (bench process)',
          `http://127.0.0.1:${inProcess.port}/json`,
        );
        await new Promise(r => inProcess.server.close(r));
      }
      await measure(
        `b. trivial authenticated route [${kind}]`,
        `${backend.baseUrl}${TRIVIAL}`,
      );
      await measure(
        `c. catalog by-name [${kind}]`,
        `${backend.baseUrl}${BY_NAME}`,
      );
      await measure(
        `d. runbooks entity API [${kind}]`,
        `${backend.baseUrl}${ENTITY}`,
      );
      await measure(
        `e. runbooks alert lookup [${kind}]`,
        `${backend.baseUrl}${ALERT}`,
      );
    } finally {
      for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
      await backend.stop();
    }
  }

  const by = prefix => results.find(r => r.name.startsWith(prefix));
  const rows = results.map(r => ({
    route: r.name,
    'req/s': r.rps.toFixed(0),
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    requests: r.total,
    'non-2xx': r.non2xx,
    errors: r.errors,
  }));
  console.log('');
  console.log(
    table(rows, [
      'route',
      'req/s',
      'p50 ms',
      'p99 ms',
      'requests',
      'non-2xx',
      'errors',
    ]),
  );
  const express = by('a.');
  for (const kind of databaseKinds()) {
    const of = prefix =>
      results.find(
        r => r.name.startsWith(prefix) && r.name.endsWith(`[${kind}]`),
      );
    const trivial = of('b.');
    const byName = of('c.');
    console.log('');
    for (const r of [of('d.'), of('e.')]) {
      console.log(
        `${r.name}: ${(r.rps / trivial.rps).toFixed(
          2,
        )}x trivial route (target >= 0.8), ` +
          `${(r.rps / byName.rps).toFixed(
            2,
          )}x catalog by-name (target >= 2), ` +
          `${(r.rps / express.rps).toFixed(2)}x bare Express`,
      );
    }
    console.log(
      `trivial route [${kind}]: ${(trivial.rps / express.rps).toFixed(
        2,
      )}x bare Express; catalog by-name: ${(byName.rps / express.rps).toFixed(
        2,
      )}x bare Express`,
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
