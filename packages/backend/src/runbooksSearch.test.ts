import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import searchPlugin from '@backstage/plugin-search-backend';
import searchModulePg from '@backstage/plugin-search-backend-module-pg';
import searchModuleRunbooksCollator from '@runbooks-for-backstage/plugin-search-backend-module-runbooks';

// The portal's search end to end: the search backend with the runbooks
// collator, reading documents from a stand-in runbooks backend over HTTP, and
// the search backend's own permission filtering in front of the default Lunr
// engine, and of the PostgreSQL engine when a PostgreSQL can be had.

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const engines: Array<[string, TestDatabaseId | undefined]> = [
  ['Lunr', undefined],
  ...databases
    .eachSupportedId()
    .map(([id]) => ['PostgreSQL', id] as [string, TestDatabaseId]),
];

const documents = [
  {
    entityRef: 'component:default/payments',
    entityTitle: 'Payments',
    owner: 'group:default/payments-team',
    runbook: {
      id: 'kafka-lag',
      title: 'Kafka consumer lag',
      path: 'kafka-lag.md',
      viewUrl: '/catalog/default/component/payments/runbooks/kafka-lag',
      alerts: ['KafkaConsumerLagHigh'],
      reviewInterval: '90d',
      status: 'fresh',
      missing: false,
    },
    text: 'Kafka consumer lag\nScale the settlement consumers before the partitions overflow.',
  },
  {
    entityRef: 'component:default/vault',
    entityTitle: 'Vault',
    owner: 'group:default/security',
    runbook: {
      id: 'unseal',
      title: 'Unseal the vault',
      path: 'unseal.md',
      viewUrl: '/catalog/default/component/vault/runbooks/unseal',
      alerts: ['VaultSealed'],
      reviewInterval: '90d',
      status: 'stale',
      missing: false,
    },
    text: 'Unseal the vault\nScale the settlement consumers is not the answer here; use the unseal keys.',
  },
];

/** The runbooks backend's document feed, for services only. */
const fakeRunbooksBackend = createBackendPlugin({
  pluginId: 'runbooks',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ httpRouter, httpAuth }) {
        httpRouter.use(async (req, res, next) => {
          if (req.path !== '/documents') return next();
          try {
            await httpAuth.credentials(req, { allow: ['service'] });
          } catch (error) {
            return next(error);
          }
          return res.json({ items: documents });
        });
      },
    });
  },
});

/**
 * Entity read decided per entity, the way the catalog's conditional policies
 * reach the search backend: a conditional decision for the permission, then
 * one decision per result's resource ref.
 */
function permissionsFactory(readable: (entityRef: string) => boolean) {
  const permissions: PermissionsService = {
    async authorizeConditional(requests) {
      return requests.map(
        (): PolicyDecision => ({
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_READABLE',
            resourceType: 'catalog-entity',
            params: {},
          },
        }),
      );
    },
    async authorize(requests) {
      return requests.map(request => {
        const ref = 'resourceRef' in request ? request.resourceRef : undefined;
        return {
          result:
            request.permission.name === catalogEntityReadPermission.name &&
            ref &&
            readable(ref)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      });
    },
  };
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => permissions,
  });
}

async function startSearch(
  permissions: ReturnType<typeof createServiceFactory>,
  databaseId?: TestDatabaseId,
) {
  const scheduler = mockServices.scheduler();
  const knex = databaseId ? await databases.init(databaseId) : undefined;
  const backend = await startTestBackend({
    features: [
      searchPlugin,
      searchModuleRunbooksCollator,
      fakeRunbooksBackend,
      // The collation runs when the test says, not on a timer.
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      permissions,
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true } },
      }),
      ...(knex
        ? [searchModulePg, mockServices.database.factory({ knex })]
        : []),
    ],
  });
  await scheduler.triggerTask('search_index_runbook');
  if (knex) {
    // The documents went to PostgreSQL, not to a Lunr fallback.
    const [{ count }] = await knex('documents')
      .where({ type: 'runbook' })
      .count({ count: '*' });
    expect(Number(count)).toBe(documents.length);
  }
  const base = `http://localhost:${backend.server.port()}/api/search`;
  return async (term: string) => {
    const query = new URLSearchParams({ term, 'types[0]': 'runbook' });
    const res = await fetch(`${base}/query?${query}`, {
      headers: { Authorization: mockCredentials.user.header() },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    return body.results as Array<{ type: string; document: any }>;
  };
}

describe.each(engines)('portal search for runbooks (%s)', (_engine, db) => {
  it('finds a runbook by a phrase from its body, linking to the runbook', async () => {
    const search = await startSearch(
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      db,
    );
    const results = await search('settlement consumers');
    expect(results.map(r => r.document.location).sort()).toEqual([
      '/catalog/default/component/payments/runbooks/kafka-lag',
      '/catalog/default/component/vault/runbooks/unseal',
    ]);
    expect(results[0]).toMatchObject({
      type: 'runbook',
      document: { entityTitle: expect.any(String), status: expect.any(String) },
    });
  });

  it('shows no runbooks to a user who may not read entities at all', async () => {
    const search = await startSearch(
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      db,
    );
    expect(await search('settlement consumers')).toEqual([]);
  });

  it('hides the runbooks of an entity the user may not read', async () => {
    const search = await startSearch(
      permissionsFactory(ref => ref !== 'component:default/vault'),
      db,
    );
    const results = await search('settlement consumers');
    expect(results.map(r => r.document.location)).toEqual([
      '/catalog/default/component/payments/runbooks/kafka-lag',
    ]);
    expect(await search('unseal keys')).toEqual([]);
  });
});
