// A full refresh of 10,000 `url:` entities (BENCH_ENTITIES), each with 5
// runbooks in its own GitHub repository, by the plugin's refresher alone:
// Backstage's real UrlReader (GitHub reader, `integrations.github` pointed
// at a loopback server that answers as GitHub's REST API does, see
// src/sources/__testUtils__/fakeGithubApi.ts), the plugin's store on SQLite
// and PostgreSQL (bench/databases.js), entities handed over as the catalog
// streams them. The catalog itself is left out: ingesting 10,000 entities
// takes minutes on a loaded machine and is not what is measured. Run 1
// reads everything, run 2 nothing changed, run 3 one repository changed.
// Counts requests, archives and body bytes the server sent per run, and
// the time. Prints figures; asserts nothing.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { repoRoot, table } = require('./lib');
const { databaseKinds, knexFor } = require('./databases');

const ENTITIES = Number(process.env.BENCH_ENTITIES || 10_000);
const PAGE = 500;

function runbookFiles() {
  const files = {};
  for (let r = 0; r < 5; r++) {
    files[`runbooks/runbook-${r}.md`] = [
      '---',
      `title: Runbook ${r}`,
      `alerts: [Alert${r}]`,
      `last-reviewed: 2026-0${1 + r}-15`,
      '---',
      `# Runbook ${r}`,
      '',
      '## Diagnose',
      '',
      '1. Check the dashboard.',
      '',
      '## Mitigate',
      '',
      '- Roll back the last deploy.',
      '',
    ].join('\n');
  }
  return files;
}

function entity(name) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'runbooks/location': `url:https://github.com/acme/${name}/tree/main/runbooks`,
      },
    },
    spec: { owner: 'group:default/team' },
  };
}

const quiet = {
  debug() {},
  info() {},
  warn(message) {
    console.warn(message);
  },
  error(message) {
    console.error(message);
  },
  child() {
    return quiet;
  },
};

async function main() {
  require(require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
    paths: [repoRoot],
  }));
  const src = '../plugins/runbooks-backend/src';
  const {
    startFakeGithubApi,
  } = require(`${src}/sources/__testUtils__/fakeGithubApi`);
  const {
    DatabaseRunbooksStore,
  } = require(`${src}/database/DatabaseRunbooksStore`);
  const { RunbooksRefresher } = require(`${src}/service/RunbooksRefresher`);
  const {
    RunbookSourceReader,
    parseSourceAllowRule,
  } = require(`${src}/sources/readEntityRunbooks`);
  const { HostBackoff } = require(`${src}/sources/hostBackoff`);
  const { UrlReaders } = require('@backstage/backend-defaults/urlReader');
  const { ConfigReader } = require('@backstage/config');
  const { ScmIntegrations } = require('@backstage/integration');

  const repos = new Map();
  const names = [];
  for (let e = 0; e < ENTITIES; e++) {
    const name = `svc-${String(e).padStart(5, '0')}`;
    names.push(name);
    repos.set(`acme/${name}`, { files: runbookFiles() });
  }
  const github = await startFakeGithubApi(repos);
  const config = new ConfigReader({
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
  });
  const integrations = ScmIntegrations.fromConfig(config);
  const entities = names.map(entity);
  const catalog = {
    async *streamEntities() {
      for (let i = 0; i < entities.length; i += PAGE) {
        yield entities.slice(i, i + PAGE);
      }
    },
  };
  console.log(
    `# refresh of ${ENTITIES} url: entities (5 runbooks each, one repository each) ` +
      `through Backstage's GitHub UrlReader and a loopback GitHub REST API; ` +
      `refresher concurrency 4, runbooks.sources.spreadReadsOver 0`,
  );
  const rows = [];
  try {
    for (const kind of databaseKinds()) {
      const dir = fs.mkdtempSync(
        path.join(os.tmpdir(), 'runbooks-bench-remote-'),
      );
      const { db, cleanup } = await knexFor(
        kind,
        path.join(dir, 'runbooks.sqlite'),
      );
      try {
        const store = await DatabaseRunbooksStore.create({
          database: { getClient: async () => db },
        });
        const refresher = new RunbooksRefresher({
          store,
          sources: new RunbookSourceReader({
            reader: UrlReaders.default({ config, logger: quiet }),
            integrations,
            limits: {
              maxFilesPerEntity: 500,
              maxFileBytes: 1_048_576,
              maxBytesPerEntity: 16_777_216,
            },
            allow: [parseSourceAllowRule('github.com')],
            backoff: new HostBackoff({ initialMs: 60_000, maxMs: 3_600_000 }),
          }),
          catalog,
          auth: { getOwnServiceCredentials: async () => ({}) },
          logger: quiet,
          spreadReadsOverMs: 0,
        });
        const runs = [
          ['1 first read', () => {}],
          ['2 nothing changed', () => {}],
          [
            '3 one repository changed',
            () => {
              repos.get('acme/svc-00000').files['runbooks/new.md'] = '# New\n';
            },
          ],
        ];
        for (const [run, before] of runs) {
          before();
          github.resetCounts();
          const started = process.hrtime.bigint();
          const result = await refresher.refreshAll();
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          rows.push({
            db: kind,
            run,
            entities: result.entities,
            unchanged: result.unchanged,
            failed: result.failed,
            requests: github.counts.requests,
            'commit lookups': github.counts.status,
            'tarballs downloaded': github.counts.tarball,
            'body bytes sent': github.counts.bytes,
            s: (ms / 1000).toFixed(1),
            'ms/entity': (ms / result.entities).toFixed(2),
          });
          console.log(
            `  ${kind} run ${run}: ${JSON.stringify(rows[rows.length - 1])}`,
          );
        }
        delete repos.get('acme/svc-00000').files['runbooks/new.md'];
      } finally {
        await cleanup();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await github.close();
  }
  console.log('');
  console.log(table(rows, Object.keys(rows[0])));
  console.log('target: the unchanged refresh downloads no tree');
}

module.exports = main;
if (require.main === module) {
  main().catch(error => {
    console.error(error);
    process.exitCode = 1;
  });
}
