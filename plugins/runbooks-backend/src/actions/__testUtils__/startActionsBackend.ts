import {
  BackstageCredentials,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { runbooksPlugin } from '../../plugin';

/** A user the catalog hides `component:default/ledger` from. */
export const outsider = mockCredentials.user('user:default/outsider');
/** A user who may read every entity. */
export const member = mockCredentials.user('user:default/jane.doe');

function writeFiles(root: string, files: Record<string, string>) {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
}

function folder() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-actions-'));
  writeFiles(root, {
    'payments/catalog-info.yaml': 'kind: Component',
    'payments/runbooks/db-failover.md': [
      '---',
      'title: Database failover',
      'alerts: [PaymentsDbDown]',
      'last-reviewed: 2099-01-01',
      '---',
      '# Database failover',
      '',
      '## Promote the replica',
      '',
      'Run `pg_ctl promote` on the replica.',
      '',
      '### Check replication lag',
      '',
      'Lag must be under 1 s.',
      '',
      '## Tell the team',
      '',
      'Post in #payments.',
    ].join('\n'),
    'payments/runbooks/queue-stuck.md':
      '# Queue stuck\n\n## Drain the queue\n\n```sh\n# not a heading\nqueue drain\n```\n\n## Afterwards\n\nWatch it.\n',
    'payments/runbooks/old-cert.md':
      '---\ntitle: Renew the certificate\nlast-reviewed: 2020-01-01\n---\n# Renew the certificate\n',
    'payments/oncall.yaml':
      'rotation:\n  start: 2020-01-06T09:00:00Z\n  every: 1w\n  members: [user:jane.doe]\n',
    'ledger/catalog-info.yaml': 'kind: Component',
    'ledger/runbooks/ledger-db.md':
      '---\ntitle: Ledger database\nalerts: [PaymentsDbDown]\n---\n# Ledger database\n\nSecret ledger steps.\n',
  });
  return root;
}

function component(
  name: string,
  owner: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner, lifecycle: 'production' },
  };
}

const jane: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'jane.doe' },
  spec: { profile: { displayName: 'Jane Doe', email: 'jane.doe@example.com' } },
};

/**
 * The in-memory catalog, except that `outsider` may not read the ledger:
 * lookups answer nothing for it, as the real catalog does for entities a
 * permission policy hides.
 */
function catalogHidingLedger(entities: Entity[]): CatalogService {
  const base = catalogServiceMock({ entities });
  const hidden = (
    credentials: BackstageCredentials,
    entity: Entity | undefined,
  ) =>
    (credentials.principal as { userEntityRef?: string }).userEntityRef ===
      'user:default/outsider' && entity?.metadata.name === 'ledger';
  const overrides: Partial<CatalogService> = {
    async getEntityByRef(ref, options) {
      const entity = await base.getEntityByRef(ref, options);
      return hidden(options.credentials, entity) ? undefined : entity;
    },
    async getEntitiesByRefs(req, options) {
      const { items } = await base.getEntitiesByRefs(req, options);
      return {
        items: items.map(e => (hidden(options.credentials, e) ? undefined : e)),
      };
    },
    async getEntities(req, options) {
      const { items } = await base.getEntities(req, options);
      return { items: items.filter(e => !hidden(options.credentials, e)) };
    },
  };
  return new Proxy(base, {
    get: (target, prop) =>
      (overrides as Record<string | symbol, unknown>)[prop] ??
      (target as unknown as Record<string | symbol, unknown>)[prop],
  });
}

/**
 * The whole runbooks plugin with a mock actions registry: two services
 * answering `PaymentsDbDown`, `payments` (owned by group:default/payments,
 * on-call schedule, escalation) and `ledger` (hidden from `outsider`).
 */
export async function startActionsBackend() {
  const root = folder();
  const at = (dir: string) =>
    `file:${path.join(root, dir, 'catalog-info.yaml')}`;
  const entities = [
    jane,
    component('payments', 'group:default/payments', {
      'backstage.io/managed-by-location': at('payments'),
      'runbooks/location': 'dir:./runbooks',
      'runbooks/alerts': 'PaymentsQueueStuck: queue-stuck.md#drain-the-queue',
      'runbooks/escalation': 'user:default/jane.doe, mailto:leads@example.com',
      'runbooks/on-call': 'schedule:./oncall.yaml',
    }),
    component('ledger', 'payments', {
      'backstage.io/managed-by-location': at('ledger'),
      'runbooks/location': 'dir:./runbooks',
    }),
  ];
  const registry = actionsRegistryServiceMock();
  const { server } = await startTestBackend({
    features: [
      runbooksPlugin,
      createServiceFactory({
        service: actionsRegistryServiceRef,
        deps: {},
        factory: () => registry,
      }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalogHidingLedger(entities),
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://portal.example.com' },
          runbooks: {
            refresh: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
          },
        },
      }),
    ],
  });
  for (const entityRef of [
    'component:default/payments',
    'component:default/ledger',
  ]) {
    const res = await request(server)
      .post('/api/runbooks/refresh')
      .send({ entityRef });
    if (res.status !== 200) {
      throw new Error(`refresh of ${entityRef}: ${res.status} ${res.text}`);
    }
  }
  return {
    registry,
    /** Invokes `name` as the caller would through MCP. */
    invoke(
      name: string,
      input: JsonObject,
      credentials: BackstageCredentials = member,
    ) {
      return registry
        .invoke({ id: `test:${name}`, input, credentials })
        .then(result => result.output as any);
    },
  };
}
