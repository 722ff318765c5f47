// The databases a bench runs on, in the same run: SQLite and PostgreSQL by
// default (BENCH_DATABASES=sqlite or =postgres for one). PostgreSQL is the
// local server `scripts/ensure-postgres.sh` starts (or BENCH_PG_CONNECTION);
// every bench gets databases of its own, named with a prefix, dropped at the end.
'use strict';

const { execFileSync } = require('child_process');
const path = require('path');

const repoRoot = path.resolve(__dirname, '..');
let connection;
let counter = 0;

/** The databases asked for, in order. */
function databaseKinds() {
  const kinds = (process.env.BENCH_DATABASES || 'sqlite,postgres')
    .split(',')
    .map(k => k.trim())
    .filter(Boolean);
  for (const kind of kinds) {
    if (kind !== 'sqlite' && kind !== 'postgres') {
      throw new Error(
        `BENCH_DATABASES: "${kind}" is neither sqlite nor postgres`,
      );
    }
  }
  return kinds;
}

function postgresConnection() {
  if (!connection) {
    connection =
      process.env.BENCH_PG_CONNECTION ||
      execFileSync(
        'bash',
        [path.join(repoRoot, 'scripts/ensure-postgres.sh')],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      ).trim();
  }
  return connection;
}

/** A prefix no other run uses, for the databases of one backend. */
function freshPrefix() {
  counter++;
  return `bench_${process.pid}_${counter}_`;
}

/** Drops every database whose name starts with `prefix`. */
async function dropDatabases(prefix, conn = postgresConnection()) {
  const knex = require('knex')({ client: 'pg', connection: conn });
  try {
    const { rows } = await knex.raw(
      'SELECT datname FROM pg_database WHERE datname LIKE ?',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await knex.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
    }
  } finally {
    await knex.destroy();
  }
}

/**
 * `backend.database` for a backend on `kind`: SQLite files in `dir`, or
 * PostgreSQL databases of a fresh prefix. `cleanup` drops what it made.
 */
function backendDatabase(kind, dir, conn) {
  if (kind === 'sqlite') {
    return {
      database: {
        client: 'better-sqlite3',
        connection: { directory: path.join(dir, 'db') },
      },
      cleanup: async () => {},
    };
  }
  const prefix = freshPrefix();
  const pg = conn || postgresConnection();
  return {
    database: { client: 'pg', connection: pg, prefix },
    prefix,
    cleanup: () => dropDatabases(prefix, pg),
  };
}

/** A knex client on a new database of `kind` (for benches of the store alone). */
async function knexFor(kind, sqliteFile) {
  if (kind === 'sqlite') {
    const db = require('knex')({
      client: 'better-sqlite3',
      connection: { filename: sqliteFile },
      useNullAsDefault: true,
    });
    return { db, cleanup: async () => db.destroy() };
  }
  const prefix = freshPrefix();
  const name = `${prefix}store`;
  const admin = require('knex')({
    client: 'pg',
    connection: postgresConnection(),
  });
  await admin.raw('CREATE DATABASE ??', [name]);
  await admin.destroy();
  const url = new URL(postgresConnection());
  url.pathname = `/${name}`;
  const db = require('knex')({ client: 'pg', connection: url.toString() });
  return {
    db,
    cleanup: async () => {
      await db.destroy();
      await dropDatabases(prefix);
    },
  };
}

module.exports = {
  databaseKinds,
  postgresConnection,
  backendDatabase,
  knexFor,
  dropDatabases,
};
