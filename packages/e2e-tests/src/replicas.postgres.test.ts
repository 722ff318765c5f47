import { knex } from 'knex';
import {
  BackendProcess,
  guestToken,
  startBackend,
  waitFor,
} from './backendProcess';

// Two backend replicas on one PostgreSQL, the way platform teams scale out.
jest.setTimeout(300_000);

const connection =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const REFRESH_SECONDS = 10;
const ANSI_COLOURS = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const RUN_LINE =
  /(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\S*\s+\S*runbooks\S*\s+\S*info\S*\s+Refreshed runbooks of/;

/**
 * Drops the databases whose names start with `prefix` (the backend creates
 * one per plugin), even while something still holds a connection, and
 * answers their names.
 */
async function dropDatabases(
  connectionString: string,
  prefix: string,
): Promise<string[]> {
  const url = new URL(connectionString);
  url.pathname = '/postgres';
  const db = knex({ client: 'pg', connection: url.toString() });
  const named = () =>
    db('pg_database')
      .whereRaw('starts_with(datname, ?)', [prefix])
      .pluck<string[]>('datname');
  try {
    const names = await named();
    for (const name of names) {
      await db.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
    }
    const left = await named();
    if (left.length) {
      throw new Error(`Databases not dropped: ${left.join(', ')}`);
    }
    return names;
  } finally {
    await db.destroy();
  }
}

function refreshRuns(output: string): number[] {
  return output
    .split('\n')
    .map(line => RUN_LINE.exec(line.replace(ANSI_COLOURS, '')))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(match => Date.parse(match[1]));
}

describe('two backend replicas on one PostgreSQL', () => {
  let a: BackendProcess;
  let b: BackendProcess;
  // The backend creates one database per plugin, named with this prefix.
  const prefix = `rb_replicas_${Date.now().toString(36)}_`;

  beforeAll(async () => {
    if (!connection) {
      throw new Error(
        'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set: run scripts/ensure-postgres.sh (as root), or RUNBOOKS_TEST_POSTGRES=0 to leave these tests out',
      );
    }
    const config = {
      backend: {
        database: {
          client: 'pg',
          connection,
          prefix,
        },
      },
      runbooks: {
        refresh: {
          // Config files merge: zero the minutes that app-config.yaml sets.
          frequency: { minutes: 0, seconds: REFRESH_SECONDS },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 1 },
        },
      },
    };
    a = await startBackend(config);
    b = await startBackend(config);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    if (connection) await dropDatabases(connection, prefix);
  });

  it('runs the scheduled refresh once per interval across both replicas', async () => {
    const bothUp = Date.now();
    await new Promise(r => setTimeout(r, 4 * REFRESH_SECONDS * 1000));
    const until = Date.now();
    const runs = [...refreshRuns(a.output()), ...refreshRuns(b.output())]
      .filter(time => time >= bothUp && time <= until)
      .sort();
    const intervals = Math.floor((until - bothUp) / (REFRESH_SECONDS * 1000));
    // Each replica on its own would refresh about twice as often.
    const log = [a.output(), b.output()]
      .join('\n')
      .split('\n')
      .filter(line => /refresh/i.test(line))
      .slice(-20)
      .join('\n');
    if (runs.length < 2) {
      throw new Error(`Only ${runs.length} refresh runs seen:\n${log}`);
    }
    expect(runs.length).toBeLessThanOrEqual(intervals + 1);
  });

  it('shows a review posted to one replica on the other', async () => {
    const entity =
      '/api/runbooks/entities/default/component/runbooks-for-backstage';
    await waitFor(
      'the runbooks on replica A',
      async () => ((await a.api(entity)).ok ? true : undefined),
      120_000,
    );
    // Replica B has answered the entity (and keeps that answer in memory).
    const statusOnB = async () =>
      (await (await b.api(entity)).json()).runbooks.find(
        (r: { id: string }) => r.id === 'search-index-stale',
      )?.status;
    expect(await statusOnB()).not.toBe('fresh');
    const token = await guestToken(a.baseUrl);
    const posted = await fetch(
      `${a.baseUrl}${entity}/runbooks/search-index-stale/reviews`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ note: 'Reviewed on replica A' }),
      },
    );
    expect(posted.status).toBe(201);
    const runbook = await (
      await b.api(`${entity}/runbooks/search-index-stale`)
    ).json();
    expect(runbook).toMatchObject({
      status: 'fresh',
      reviewedBy: 'user:default/guest',
    });
    const history = await (
      await b.api(`${entity}/runbooks/search-index-stale/reviews`)
    ).json();
    expect(history.reviews[0].note).toBe('Reviewed on replica A');
    // The entity answer B kept turns fresh too (B checks the database at
    // least once a second).
    await waitFor(
      'the review in replica B entity answer',
      async () => ((await statusOnB()) === 'fresh' ? true : undefined),
      10_000,
      200,
    );
  });
});
