import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import express from 'express';
import request from 'supertest';
import { createFiringRouter } from './firingRouter';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AlertLookup,
  Runbook,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { AlertmanagerPoller } from './AlertmanagerPoller';
import { readAlertmanagerConfig } from './config';
import { FiringAnswers } from './FiringAnswers';
import { FiringReadModel } from './FiringReadModel';

const runbook = (id: string, extra: Partial<Runbook> = {}): Runbook => ({
  id,
  title: `Runbook ${id}`,
  path: `${id}.md`,
  viewUrl: `/catalog/default/component/x/runbooks/${id}`,
  alerts: [],
  reviewInterval: 'P90D',
  status: 'fresh',
  missing: false,
  ...extra,
});

const entities: Record<string, Record<string, string>> = {
  'component:default/payments': {
    'runbooks/location': 'dir:./runbooks',
    'runbooks/alert-selector': 'namespace="payments"',
  },
  'component:default/orders': {
    'runbooks/location': 'dir:./runbooks',
  },
  'component:default/broken': {
    'runbooks/location': 'dir:./runbooks',
    'runbooks/alert-selector': 'namespace=',
  },
};

/** A catalog that lets `reader` see only `visible` (and the plugin everything). */
function catalog(visible: string[]): CatalogService {
  return {
    getEntitiesByRefs: async (
      query: { entityRefs: string[] },
      options: { credentials: { principal: { type: string } } },
    ) => ({
      items: query.entityRefs.map(ref => {
        const allowed =
          options.credentials.principal.type === 'service' ||
          visible.includes(ref);
        if (!allowed || !entities[ref]) return undefined;
        const name = ref.slice(ref.indexOf('/') + 1);
        return {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name,
            namespace: 'default',
            annotations: entities[ref],
          },
          spec: { owner: `group:default/${name}-team` },
        };
      }),
    }),
  } as unknown as CatalogService;
}

const lookups: Record<string, AlertLookup> = {
  Shared: {
    alert: 'Shared',
    matches: ['payments', 'orders'].map(name => ({
      entityRef: `component:default/${name}`,
      runbook: runbook(`${name}-shared`),
      anchor: 'steps',
      url: `/catalog/default/component/${name}/runbooks/${name}-shared#steps`,
    })),
    definedBy: [],
  },
  RuleOnly: {
    alert: 'RuleOnly',
    matches: [],
    definedBy: [{ entityRef: 'component:default/broken' }],
  },
};

function alert(labels: Record<string, string>, state = 'active') {
  return {
    fingerprint: JSON.stringify(labels),
    labels,
    annotations: { summary: `${labels.alertname} fires` },
    startsAt: '2026-12-01T10:00:00Z',
    status: { state, silencedBy: [], inhibitedBy: [] },
  };
}

async function setup(options: { visible: string[]; alerts: object[] }) {
  const fetchImpl = (async () =>
    new Response(JSON.stringify(options.alerts))) as typeof fetch;
  const config = readAlertmanagerConfig(
    new ConfigReader({
      runbooks: {
        alertmanager: {
          instances: [{ name: 'prod', baseUrl: 'http://am:9093/' }],
        },
      },
    }),
  )!;
  const poller = new AlertmanagerPoller({
    config,
    logger: mockServices.logger.mock(),
    fetch: fetchImpl,
  });
  const published: string[] = [];
  const model = new FiringReadModel({
    lookupAlert: async name => {
      if (!lookups[name]) throw new NotFoundError(`no ${name}`);
      return lookups[name];
    },
    catalog: catalog(options.visible),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    signals: { publish: async s => void published.push(s.channel) },
  });
  poller.onPoll(snapshot => model.rebuild(snapshot));
  await poller.pollOnce();
  const answers = new FiringAnswers({
    poller,
    model,
    catalog: catalog(options.visible),
    authorizeEntity: async ref => {
      const key = `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase();
      if (!options.visible.includes(key)) throw new NotFoundError(key);
      return key;
    },
  });
  return { answers, published };
}

const reader = mockCredentials.user('user:default/reader');

describe('firing answers', () => {
  it('reads the config: trailing slashes, defaults; none configured is undefined', () => {
    expect(
      readAlertmanagerConfig(
        new ConfigReader({
          runbooks: {
            alertmanager: {
              instances: [
                {
                  name: 'prod',
                  baseUrl: 'https://am.example/prefix//',
                  headers: { Authorization: 'Bearer x' },
                },
              ],
              pollInterval: { seconds: 30 },
            },
          },
        }),
      ),
    ).toEqual({
      instances: [
        {
          name: 'prod',
          baseUrl: 'https://am.example/prefix',
          headers: { Authorization: 'Bearer x' },
          timeoutMs: 10_000,
        },
      ],
      pollIntervalMs: 30_000,
    });
    expect(readAlertmanagerConfig(new ConfigReader({}))).toBeUndefined();
    expect(() =>
      readAlertmanagerConfig(
        new ConfigReader({
          runbooks: {
            alertmanager: { instances: [{ name: 'a', baseUrl: 'ftp://x' }] },
          },
        }),
      ),
    ).toThrow(/baseUrl must be http: or https:/);
  });

  it('answers "not configured" without an Alertmanager', async () => {
    const answers = new FiringAnswers({
      catalog: catalog([]),
      authorizeEntity: async () => {
        throw new Error('never asked');
      },
    });
    await expect(
      answers.entity(
        { kind: 'component', namespace: 'default', name: 'x' },
        reader,
      ),
    ).resolves.toMatchObject({ configured: false, alerts: [] });
    await expect(answers.catalog(reader)).resolves.toMatchObject({
      configured: false,
      entities: [],
      unattributed: [],
    });
  });

  it("attributes a shared alert by each entity's selector, keeps alerts of a broken selector, and lists what nobody claims", async () => {
    const { answers, published } = await setup({
      visible: [
        'component:default/payments',
        'component:default/orders',
        'component:default/broken',
      ],
      alerts: [
        alert({ alertname: 'Shared', namespace: 'payments' }),
        alert({ alertname: 'Shared', namespace: 'orders' }),
        alert({ alertname: 'RuleOnly', namespace: 'x' }),
        alert({ alertname: 'Unknown' }),
      ],
    });
    const payments = await answers.entity(
      { kind: 'component', namespace: 'default', name: 'payments' },
      reader,
    );
    expect(payments.alerts.map(a => a.labels.namespace)).toEqual(['payments']);
    expect(payments.alerts[0].runbooks[0]).toMatchObject({
      id: 'payments-shared',
      anchor: 'steps',
      viewUrl:
        '/catalog/default/component/payments/runbooks/payments-shared#steps',
    });
    const orders = await answers.entity(
      { kind: 'component', namespace: 'default', name: 'orders' },
      reader,
    );
    // No selector: every alert it knows by name.
    expect(orders.alerts.map(a => a.labels.namespace).sort()).toEqual([
      'orders',
      'payments',
    ]);
    const broken = await answers.entity(
      { kind: 'component', namespace: 'default', name: 'broken' },
      reader,
    );
    expect(broken.alerts).toEqual([
      expect.objectContaining({ alertname: 'RuleOnly', runbooks: [] }),
    ]);
    expect(broken.problems).toEqual([
      expect.objectContaining({
        subject: 'runbooks/alert-selector',
        message: expect.stringMatching(/expected a value for "namespace"/),
      }),
    ]);
    const all = await answers.catalog(reader);
    expect(all.unattributed.map(a => a.alertname)).toEqual(['Unknown']);
    expect(published).toEqual(
      expect.arrayContaining([
        'runbooks:firing',
        'runbooks:firing:component:default/payments',
        'runbooks:firing:component:default/orders',
      ]),
    );
  });

  it('shows a caller only the entities it may read, as the entity answer does', async () => {
    const { answers } = await setup({
      visible: ['component:default/orders'],
      alerts: [alert({ alertname: 'Shared', namespace: 'payments' })],
    });
    const all = await answers.catalog(reader);
    expect(all.entities.map(e => e.entityRef)).toEqual([
      'component:default/orders',
    ]);
    await expect(
      answers.entity(
        { kind: 'component', namespace: 'default', name: 'payments' },
        reader,
      ),
    ).rejects.toThrow(NotFoundError);
  });

  it('serves the answers over HTTP, gzipped once when large, and refuses bad input', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      alert({ alertname: 'Shared', namespace: 'payments', pod: `p${i}` }),
    );
    const { answers } = await setup({
      visible: ['component:default/payments'],
      alerts: many,
    });
    const middleware = MiddlewareFactory.create({
      config: new ConfigReader({}),
      logger: mockServices.logger.mock(),
    });
    const app = express()
      .use(
        await createFiringRouter({
          httpAuth: mockServices.httpAuth(),
          answers,
        }),
      )
      .use(middleware.error());
    const res = await request(app)
      .get('/entities/default/component/payments/firing')
      .set('Accept-Encoding', 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body.alerts).toHaveLength(60);
    const plain = await request(app)
      .get('/firing')
      .set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.entities[0].alerts).toHaveLength(60);
    const bad = await request(app).get(`/firing?alertname=${'x'.repeat(300)}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid query: alertname /);
    // The first request compiles the spec's validator: seconds on a busy machine.
  }, 60_000);
});
