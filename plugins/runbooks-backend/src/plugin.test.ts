import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  PermissionsService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { runbooksPlugin } from './plugin';

function serviceFolder() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-plugin-'));
  const write = (file: string, content: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  };
  write('secret.md', '# Not a runbook of this service');
  write('payments/catalog-info.yaml', 'kind: Component');
  write(
    'payments/runbooks/README.md',
    '# Payments\n## Database\n- [Failover](./db-failover.md)\n- [Gone](./gone.md)\n',
  );
  write(
    'payments/runbooks/db-failover.md',
    '---\ntitle: Database failover\nalerts: [PaymentsDbDown]\nlast-reviewed: 2026-11-01\n---\n# Database failover\n\n## Promote the replica\n\n| Step | Command |\n|---|---|\n| 1 | `pg_ctl promote` |\n',
  );
  write(
    'payments/rules/payments.yaml',
    [
      'groups:',
      '- name: payments',
      '  rules:',
      '  - alert: PaymentsDbDown',
      '    expr: pg_up == 0',
      '    labels: { severity: critical }',
      '  - alert: PaymentsQueueStuck',
      '    expr: queue_age > 600',
      '    labels: { severity: warning }',
    ].join('\n'),
  );
  return root;
}

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      owner: 'group:default/payments',
      lifecycle: 'production',
    },
  };
}

// Each backend compiles the OpenAPI validator on its first request: slow on a loaded machine.
jest.setTimeout(60_000);

describe('runbooks backend plugin', () => {
  /** The service folder of the last backend started. */
  let root = '';

  async function start(
    permissions: ServiceFactory<
      PermissionsService,
      any,
      any
    > = mockServices.permissions.factory(),
    runbooks: Record<string, unknown> = {},
  ) {
    root = serviceFolder();
    const location = `file:${path.join(root, 'payments', 'catalog-info.yaml')}`;
    const entities = [
      component('payments', {
        'backstage.io/managed-by-location': location,
        'runbooks/location': 'dir:./runbooks',
        'runbooks/alert-rules': 'dir:./rules',
      }),
      component('sneaky', {
        'backstage.io/managed-by-location': location,
        'runbooks/location': 'dir:../',
      }),
      component('broken', {
        'backstage.io/managed-by-location': location,
        'runbooks/location': 'somewhere over the rainbow',
      }),
      component('plain', { 'backstage.io/managed-by-location': location }),
    ];
    const { server } = await startTestBackend({
      features: [
        runbooksPlugin,
        catalogServiceMock.factory({ entities }),
        permissions,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            runbooks: {
              refresh: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
              ...runbooks,
            },
          },
        }),
      ],
    });
    return server;
  }

  it('serves an entity runbooks read from the folder next to its catalog-info.yaml', async () => {
    const server = await start();
    const res = await request(server).get(
      '/api/runbooks/entities/default/component/payments',
    );
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/payments');
    expect(res.body.runbooks).toEqual([
      expect.objectContaining({
        id: 'db-failover',
        title: 'Database failover',
        category: 'Database',
        viewUrl: '/catalog/default/component/payments/runbooks/db-failover',
        alerts: ['PaymentsDbDown'],
        lastReviewed: '2026-11-01T00:00:00.000Z',
        reviewInterval: '90d',
        missing: false,
      }),
      expect.objectContaining({
        id: 'gone',
        missing: true,
        category: 'Database',
      }),
    ]);
    expect(['fresh', 'due-soon', 'stale']).toContain(
      res.body.runbooks[0].status,
    );
    expect(res.body.severities.map((s: { name: string }) => s.name)).toEqual([
      'P0',
      'P1',
      'P2',
      'P3',
    ]);
    expect(res.body.problems).toEqual([
      expect.objectContaining({
        message: 'The runbook index links to gone.md, which does not exist',
      }),
    ]);
    expect(Date.parse(res.body.refreshedAt)).not.toBeNaN();
  });

  it('serves a runbook with its markdown and heading anchors', async () => {
    const server = await start();
    const res = await request(server).get(
      '/api/runbooks/entities/default/component/payments/runbooks/db-failover',
    );
    expect(res.status).toBe(200);
    expect(res.body.markdown).toContain('| 1 | `pg_ctl promote` |');
    expect(res.body.markdown).not.toContain('last-reviewed');
    expect(res.body.headings).toEqual([
      { depth: 1, text: 'Database failover', anchor: 'database-failover' },
      { depth: 2, text: 'Promote the replica', anchor: 'promote-the-replica' },
    ]);
  });

  it('refuses a dir: that leaves the entity folder, with a problem and nothing read', async () => {
    const server = await start();
    const res = await request(server).get(
      '/api/runbooks/entities/default/component/sneaky',
    );
    expect(res.status).toBe(200);
    expect(res.body.runbooks).toEqual([]);
    expect(res.body.problems).toEqual([
      {
        level: 'error',
        subject: 'runbooks/location',
        message:
          "runbooks/location: dir:../ leaves the entity's own folder and was not read",
      },
    ]);
  });

  it('shows a malformed annotation as a problem, not an error page', async () => {
    const server = await start();
    const res = await request(server).get(
      '/api/runbooks/entities/default/component/broken',
    );
    expect(res.status).toBe(200);
    expect(res.body.problems[0].message).toContain(
      '"somewhere over the rainbow", which is neither',
    );
  });

  it('answers 404 for unknown entities, entities without the annotation and unknown runbooks', async () => {
    const server = await start();
    const unknown = await request(server).get(
      '/api/runbooks/entities/default/component/nobody',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'No entity component:default/nobody in the catalog, or you may not read it',
    );
    const plain = await request(server).get(
      '/api/runbooks/entities/default/component/plain',
    );
    expect(plain.status).toBe(404);
    expect(plain.body.error.message).toContain(
      'has no runbooks/location annotation',
    );
    const runbook = await request(server).get(
      '/api/runbooks/entities/default/component/payments/runbooks/nope',
    );
    expect(runbook.status).toBe(404);
  });

  it('re-reads an entity on POST /refresh', async () => {
    const server = await start();
    const res = await request(server)
      .post('/api/runbooks/refresh')
      .send({ entityRef: 'component:default/payments' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/payments',
      runbooks: 2,
    });
    // Each refresh downloads the sources again: one per entity per minute.
    const again = await request(server)
      .post('/api/runbooks/refresh')
      .send({ entityRef: 'component:default/payments' });
    expect(again.status).toBe(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
    expect(again.body.error.message).toMatch(
      /^component:default\/payments was refreshed less than 60 s ago; try again in \d+ s \(runbooks\.refreshCooldown\)$/,
    );
  });

  it('resolves an alert to its runbook, and says which service defines an alert without one', async () => {
    const server = await start();
    await request(server)
      .post('/api/runbooks/refresh')
      .send({ entityRef: 'component:default/payments' });
    const found = await request(server).get(
      '/api/runbooks/alerts/PaymentsDbDown',
    );
    expect(found.status).toBe(200);
    expect(found.body.matches).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/payments',
        url: '/catalog/default/component/payments/runbooks/db-failover',
        runbook: expect.objectContaining({
          id: 'db-failover',
          alerts: ['PaymentsDbDown'],
        }),
      }),
    ]);
    const defined = await request(server).get(
      '/api/runbooks/alerts/PaymentsQueueStuck',
    );
    expect(defined.status).toBe(200);
    expect(defined.body).toMatchObject({
      matches: [],
      definedBy: [
        {
          entityRef: 'component:default/payments',
          owner: 'group:default/payments',
          severity: 'warning',
          file: 'payments.yaml',
        },
      ],
    });
    const unknown = await request(server).get(
      '/api/runbooks/alerts/NobodyKnows',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'No runbook answers alert "NobodyKnows"',
    );

    const go = await request(server).get(
      '/api/runbooks/alerts/PaymentsDbDown/go',
    );
    expect(go.status).toBe(302);
    expect(go.headers.location).toBe(
      'http://localhost:3000/catalog/default/component/payments/runbooks/db-failover',
    );
    const anonymous = await request(server)
      .get('/api/runbooks/alerts/PaymentsDbDown/go')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.headers.location).toBe(
      'http://localhost:3000/runbooks/alerts/PaymentsDbDown',
    );
    const anonymousLookup = await request(server)
      .get('/api/runbooks/alerts/PaymentsDbDown')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymousLookup.status).toBe(401);
  });

  it('answers standards on each runbook and on the entity, from config when the index declares none', async () => {
    const server = await start(undefined, {
      standards: {
        sections: [
          'Promote the replica',
          { name: 'Escalation', aliases: ['Who to call'] },
        ],
        requirements: ['steps', 'review'],
      },
    });
    const entity = '/api/runbooks/entities/default/component/payments';
    const res = await request(server).get(entity);
    expect(res.status).toBe(200);
    const failover = res.body.runbooks.find(
      (r: { id: string }) => r.id === 'db-failover',
    );
    expect(failover.standards).toMatchObject({
      source: 'config',
      passed: 2,
      total: 5,
      checks: [
        { id: 'section:Promote the replica', passed: true },
        { id: 'section:Escalation', passed: false },
        // A table of commands is not numbered steps or a code block.
        { id: 'steps', passed: false },
        { id: 'review', passed: false },
        { id: 'alert', passed: true },
      ],
    });
    expect(res.body.standards).toMatchObject({
      standard: { source: 'config' },
      runbooks: { passed: 2, total: 9 },
      entity: {
        checks: [
          {
            id: 'alerts-covered',
            passed: false,
            reason: 'No runbook for PaymentsQueueStuck',
          },
          { id: 'none-stale', passed: true },
          { id: 'escalation-defined', passed: false },
          { id: 'on-call-defined', passed: false },
          { id: 'severities-defined', passed: false },
        ],
      },
    });

    // A review in the portal names the reviewer: the review check passes.
    await request(server)
      .post(`${entity}/runbooks/db-failover/reviews`)
      .send({});
    const after = await request(server).get(entity);
    const reviewed = after.body.runbooks.find(
      (r: { id: string }) => r.id === 'db-failover',
    );
    expect(reviewed.standards).toMatchObject({ passed: 3, total: 5 });
    expect(
      reviewed.standards.checks.find((c: { id: string }) => c.id === 'review'),
    ).toMatchObject({
      passed: true,
      reason: expect.stringMatching(/by user:default\/mock$/),
    });
  });

  it('refuses to start with an invalid runbooks.standards', async () => {
    await expect(
      start(undefined, { standards: { sections: [] } }),
    ).rejects.toThrow(/Invalid config runbooks\.standards\.sections/);
  });

  it('stops counting a review once the runbook is edited, and says so', async () => {
    const server = await start(undefined, {
      refreshCooldown: { milliseconds: 0 },
    });
    const entity = '/api/runbooks/entities/default/component/payments';
    const reviewed = await request(server)
      .post(`${entity}/runbooks/db-failover/reviews`)
      .send({});
    expect(reviewed.status).toBe(201);
    expect(reviewed.body.runbook).toMatchObject({ status: 'fresh' });
    expect(reviewed.body.runbook.changedSinceReview).toBeUndefined();
    fs.appendFileSync(
      path.join(root, 'payments/runbooks/db-failover.md'),
      '\n## A step added after the review\n',
    );
    const refreshed = await request(server)
      .post('/api/runbooks/refresh')
      .send({ entityRef: 'component:default/payments' });
    expect(refreshed.status).toBe(200);
    const res = await request(server).get(entity);
    const runbook = res.body.runbooks.find(
      (r: { id: string }) => r.id === 'db-failover',
    );
    // Back to the date the file states (2026-11-01), no longer the portal review.
    expect(runbook).toMatchObject({
      changedSinceReview: true,
      changedReview: { reviewer: 'user:default/mock' },
      lastReviewed: '2026-11-01T00:00:00.000Z',
    });
    expect(runbook.reviewedBy).toBeUndefined();
    const again = await request(server)
      .post(`${entity}/runbooks/db-failover/reviews`)
      .send({});
    expect(again.body.runbook.changedSinceReview).toBeUndefined();
    expect(again.body.runbook.reviewedBy).toBe('user:default/mock');
  });

  it('records a review by the signed-in user, turning the runbook fresh, and keeps the history', async () => {
    const server = await start();
    const runbookPath =
      '/api/runbooks/entities/default/component/payments/runbooks/db-failover';
    const first = await request(server).post(`${runbookPath}/reviews`).send({});
    expect(first.status).toBe(201);
    const res = await request(server)
      .post(`${runbookPath}/reviews`)
      .send({ note: 'Checked the promote command' });
    expect(res.status).toBe(201);
    expect(res.body.runbook).toMatchObject({
      id: 'db-failover',
      status: 'fresh',
      reviewedBy: 'user:default/mock',
    });
    expect(res.body.review).toMatchObject({
      reviewer: 'user:default/mock',
      note: 'Checked the promote command',
    });
    const entity = await request(server).get(
      '/api/runbooks/entities/default/component/payments',
    );
    expect(entity.body.runbooks[0].lastReviewed).toBe(
      res.body.review.reviewedAt,
    );
    const history = await request(server).get(`${runbookPath}/reviews`);
    expect(history.body.reviews.map((r: { note?: string }) => r.note)).toEqual([
      'Checked the promote command',
      undefined,
    ]);
  });

  it('refuses reviews from service tokens, from users the policy denies, and of missing runbooks', async () => {
    const denied = await start(
      mockServices.permissions.mock({
        authorize: async () => [{ result: AuthorizeResult.DENY }],
      }).factory,
    );
    const runbooks =
      '/api/runbooks/entities/default/component/payments/runbooks';
    const byService = await request(denied)
      .post(`${runbooks}/db-failover/reviews`)
      .set('Authorization', mockCredentials.service.header())
      .send({});
    expect(byService.status).toBe(403);
    const byUser = await request(denied)
      .post(`${runbooks}/db-failover/reviews`)
      .send({});
    expect(byUser.status).toBe(403);
    expect(byUser.body.error.message).toBe(
      'Only members of the group that owns component:default/payments (group:default/payments) may mark its runbooks as reviewed',
    );
    const server = await start();
    const missing = await request(server)
      .post(`${runbooks}/gone/reviews`)
      .send({});
    expect(missing.status).toBe(409);
    const tooLong = await request(server)
      .post(`${runbooks}/db-failover/reviews`)
      .send({ note: 'x'.repeat(2001) });
    expect(tooLong.status).toBe(400);
  });

  it('reports coverage: totals by status, components without runbooks, alerts without one', async () => {
    const server = await start();
    await request(server)
      .post('/api/runbooks/refresh')
      .send({ entityRef: 'component:default/payments' });
    await request(server)
      .post('/api/runbooks/refresh')
      .send({ entityRef: 'component:default/sneaky' });
    const res = await request(server).get('/api/runbooks/report');
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual({
      entities: 4,
      withRunbooks: 1,
      runbooks: 1,
      fresh: expect.any(Number),
      dueSoon: expect.any(Number),
      stale: expect.any(Number),
      neverReviewed: 0,
      missing: 1,
      alerts: 2,
      alertsWithoutRunbook: 1,
    });
    const t = res.body.totals;
    expect(t.fresh + t.dueSoon + t.stale).toBe(1);
    const payments = res.body.entities.find(
      (e: { entityRef: string }) =>
        e.entityRef === 'component:default/payments',
    );
    expect(payments).toMatchObject({
      hasRunbooks: true,
      owner: 'group:default/payments',
      alertsWithoutRunbook: ['PaymentsQueueStuck'],
    });
    const plain = res.body.entities.find(
      (e: { entityRef: string }) => e.entityRef === 'component:default/plain',
    );
    expect(plain).toMatchObject({ hasRunbooks: false, runbooks: [] });
  });

  it('pages the report with the whole report totals, filtered, sorted and paged on the server', async () => {
    const server = await start();
    for (const name of ['payments', 'sneaky']) {
      await request(server)
        .post('/api/runbooks/refresh')
        .send({ entityRef: `component:default/${name}` });
    }
    const whole = await request(server).get('/api/runbooks/report');
    const first = await request(server).get(
      '/api/runbooks/report?limit=2&sort=name',
    );
    expect(first.status).toBe(200);
    expect(first.body.totals).toEqual(whole.body.totals);
    expect(first.body.page).toEqual({ offset: 0, limit: 2, total: 4 });
    expect(first.body.entities.map((e: any) => e.entityRef)).toEqual([
      'component:default/broken',
      'component:default/payments',
    ]);
    const second = await request(server).get(
      '/api/runbooks/report?limit=2&offset=2&order=desc',
    );
    expect(second.body.entities.map((e: any) => e.entityRef)).toEqual([
      'component:default/payments',
      'component:default/broken',
    ]);
    const payments = first.body.entities[1];
    expect(payments).toMatchObject({
      hasRunbooks: true,
      alertsWithoutRunbook: ['PaymentsQueueStuck'],
      runbooks: [
        expect.objectContaining({ id: 'db-failover' }),
        expect.objectContaining({ id: 'gone', missing: true }),
      ],
    });
    const refsOf = async (query: string) =>
      (
        await request(server).get(`/api/runbooks/report?${query}`)
      ).body.entities.map((e: any) => e.entityRef);
    expect(await refsOf('status=without-runbooks')).toEqual([
      'component:default/broken',
      'component:default/plain',
      'component:default/sneaky',
    ]);
    expect(await refsOf('status=missing')).toEqual([
      'component:default/payments',
    ]);
    expect(await refsOf('status=alerts-without-runbook')).toEqual([
      'component:default/payments',
    ]);
    expect(await refsOf('q=SNEA')).toEqual(['component:default/sneaky']);
    expect(await refsOf('kind=API')).toEqual([]);
    expect(
      await refsOf(`owner=${encodeURIComponent('group:default/nobody')}`),
    ).toEqual([]);
    expect(
      await refsOf(`owner=${encodeURIComponent('group:default/payments')}`),
    ).toHaveLength(4);
    expect(first.body.owners).toEqual([
      expect.objectContaining({
        owner: 'group:default/payments',
        entities: 4,
        withRunbooks: 1,
        runbooks: 1,
      }),
    ]);

    // A review moves the runbook's stored due date: counted fresh at once.
    await request(server)
      .post(
        '/api/runbooks/entities/default/component/payments/runbooks/db-failover/reviews',
      )
      .send({});
    const reviewed = await request(server).get(
      '/api/runbooks/report?status=fresh',
    );
    expect(reviewed.body.totals.fresh).toBe(1);
    expect(reviewed.body.entities.map((e: any) => e.entityRef)).toEqual([
      'component:default/payments',
    ]);
  });

  it('answers 400 with the reason for a report query it does not understand', async () => {
    const server = await start();
    for (const query of [
      'status=rotten',
      'limit=0',
      'limit=201',
      'sort=size',
      'colour=red',
    ]) {
      const res = await request(server).get(`/api/runbooks/report?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
    }
  });

  it('lists documents with their text to the search backend only', async () => {
    const server = await start();
    await request(server).get(
      '/api/runbooks/entities/default/component/payments',
    );
    const asUser = await request(server).get('/api/runbooks/documents');
    expect(asUser.status).toBe(403);
    const asSearch = mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('plugin:search'),
      targetPluginId: 'runbooks',
    });
    const asOtherService = await request(server)
      .get('/api/runbooks/documents')
      .set('Authorization', mockCredentials.service.header());
    expect(asOtherService.status).toBe(403);
    const res = await request(server)
      .get('/api/runbooks/documents?limit=10')
      .set('Authorization', asSearch);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/payments',
        entityTitle: 'payments',
        owner: 'group:default/payments',
        runbook: expect.objectContaining({
          id: 'db-failover',
          viewUrl: '/catalog/default/component/payments/runbooks/db-failover',
          status: expect.any(String),
        }),
        text: expect.stringContaining('pg_ctl promote'),
      }),
    ]);
    expect(res.body.nextCursor).toBeUndefined();
    const bad = await request(server)
      .get('/api/runbooks/documents?after=nonsense')
      .set('Authorization', asSearch);
    expect(bad.status).toBe(400);
  });

  it('answers health without credentials and refuses the API without them', async () => {
    const server = await start();
    const health = await request(server)
      .get('/api/runbooks/health')
      .set('Authorization', mockCredentials.none.header());
    expect(health.status).toBe(200);
    const api = await request(server)
      .get('/api/runbooks/entities/default/component/payments')
      .set('Authorization', mockCredentials.none.header());
    expect(api.status).toBe(401);
  });
});
