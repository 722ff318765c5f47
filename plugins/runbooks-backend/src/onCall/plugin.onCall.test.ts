import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { runbooksOnCallExtensionPoint } from '@runbooks-for-backstage/plugin-runbooks-node';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { runbooksPlugin } from '../plugin';
import { startFakeVendorApi } from './__testUtils__/fakeVendorApi';

function folder() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-oncall-'));
  fs.writeFileSync(path.join(root, 'catalog-info.yaml'), 'kind: Component');
  // Always Jane: a one-member rotation, whatever today is.
  fs.writeFileSync(
    path.join(root, 'oncall.yaml'),
    'rotation:\n  start: 2020-01-06T09:00:00Z\n  every: 1w\n  members: [user:jane.doe]\n',
  );
  return path.join(root, 'catalog-info.yaml');
}

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      owner: 'group:default/team',
      lifecycle: 'production',
    },
  };
}

const jane: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name: 'jane.doe',
    annotations: { 'runbooks/contact': 'tel:+15550101' },
  },
  spec: { profile: { displayName: 'Jane Doe', email: 'jane.doe@example.com' } },
};

const observability: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'observability',
    annotations: { 'slack.com/channel': '#observability-oncall' },
  },
  spec: {
    type: 'team',
    profile: { displayName: 'Observability' },
    children: [],
  },
};

// Each backend compiles the OpenAPI validator on its first request: slow on a loaded machine.
jest.setTimeout(60_000);

describe('runbooks backend plugin: on-call', () => {
  let api: Awaited<ReturnType<typeof startFakeVendorApi>> | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  async function start(extra: { features?: any[]; config?: object } = {}) {
    const location = `file:${folder()}`;
    const entities = [
      jane,
      observability,
      component('scheduled', {
        'backstage.io/managed-by-location': location,
        'runbooks/location': 'dir:./runbooks',
        'runbooks/on-call': 'schedule:./oncall.yaml',
        'runbooks/escalation': 'group:observability, mailto:leads@example.com',
      }),
      component('escalation-only', {
        'runbooks/escalation': 'group:observability & group:ghosts',
      }),
      component('paged', { 'pagerduty.com/service-id': 'PSERV01' }),
      component('custom', { 'runbooks/on-call': 'rota:night-shift' }),
    ];
    const { server } = await startTestBackend({
      features: [
        runbooksPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            runbooks: {
              refresh: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
              ...extra.config,
            },
          },
        }),
        ...(extra.features ?? []),
      ],
    });
    return server;
  }

  it('answers who is on call from the schedule file, with names from the catalog', async () => {
    const server = await start();
    const res = await request(server).get(
      '/api/runbooks/entities/default/component/scheduled/on-call',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/scheduled',
      provider: 'schedule',
      onCallNow: [
        {
          level: 1,
          contacts: [
            {
              ref: 'user:default/jane.doe',
              name: 'Jane Doe',
              email: 'jane.doe@example.com',
              links: ['tel:+15550101'],
            },
          ],
        },
      ],
      escalation: [
        {
          level: 1,
          contacts: [
            {
              ref: 'group:default/observability',
              name: 'Observability',
              links: ['slack:#observability-oncall'],
            },
          ],
        },
        { level: 2, contacts: [{ uri: 'mailto:leads@example.com' }] },
      ],
      problems: [],
    });
    expect(res.body.severities.map((s: { name: string }) => s.name)).toEqual([
      'P0',
      'P1',
      'P2',
      'P3',
    ]);
    expect(res.body.unreachableSince).toBeUndefined();
  });

  it('shows resolved escalation contacts in the entity answer too', async () => {
    const server = await start();
    const res = await request(server).get(
      '/api/runbooks/entities/default/component/scheduled',
    );
    expect(res.status).toBe(200);
    expect(res.body.escalation[0].contacts[0]).toMatchObject({
      name: 'Observability',
      links: ['slack:#observability-oncall'],
    });
  });

  it('works with no provider and no runbooks: escalation only, unknown refs reported', async () => {
    const server = await start();
    const res = await request(server).get(
      '/api/runbooks/entities/default/component/escalation-only/on-call',
    );
    expect(res.status).toBe(200);
    expect(res.body.provider).toBeUndefined();
    expect(res.body.onCallNow).toEqual([]);
    expect(res.body.escalation[0].contacts).toEqual([
      expect.objectContaining({ name: 'Observability' }),
      { ref: 'group:default/ghosts', name: 'group:ghosts' },
    ]);
    expect(res.body.problems).toEqual([
      expect.objectContaining({
        message:
          'Escalation contact group:default/ghosts is not in the catalog',
      }),
    ]);
  });

  it('answers 404 for entities that do not exist and refuses anonymous callers', async () => {
    const server = await start();
    const missing = await request(server).get(
      '/api/runbooks/entities/default/component/nobody/on-call',
    );
    expect(missing.status).toBe(404);
    const anonymous = await request(server)
      .get('/api/runbooks/entities/default/component/scheduled/on-call')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });

  it('asks PagerDuty when configured, and says since when it is unreachable', async () => {
    api = await startFakeVendorApi({
      'GET /services/PSERV01': { status: 500, body: {} },
    });
    const server = await start({
      config: {
        onCall: { pagerduty: { apiBaseUrl: api.baseUrl, token: 't' } },
      },
    });
    const before = Date.now();
    const res = await request(server).get(
      '/api/runbooks/entities/default/component/paged/on-call',
    );
    expect(res.status).toBe(200);
    expect(res.body.provider).toBe('pagerduty');
    expect(res.body.onCallNow).toEqual([]);
    expect(Date.parse(res.body.unreachableSince)).toBeGreaterThanOrEqual(
      before - 1000,
    );
  });

  it('uses a provider a backend module adds through the extension point', async () => {
    const module = createBackendModule({
      pluginId: 'runbooks',
      moduleId: 'rota',
      register(env) {
        env.registerInit({
          deps: { onCall: runbooksOnCallExtensionPoint },
          async init({ onCall }) {
            onCall.addProvider({
              id: 'rota',
              async getOnCall({ target }) {
                return {
                  onCall: [
                    {
                      level: 1,
                      contacts: [
                        { uri: 'tel:+15550000', name: `${target} phone` },
                      ],
                    },
                  ],
                };
              },
            });
          },
        });
      },
    });
    const server = await start({ features: [module] });
    const res = await request(server).get(
      '/api/runbooks/entities/default/component/custom/on-call',
    );
    expect(res.body).toMatchObject({
      provider: 'rota',
      onCallNow: [{ level: 1, contacts: [{ name: 'night-shift phone' }] }],
    });
  });
});
