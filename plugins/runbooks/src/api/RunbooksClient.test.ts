import { ResponseError } from '@backstage/errors';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { rest } from 'msw';
import { setupServer } from 'msw/node';
import { entityRunbooks, highCpuDetail } from '../__testUtils__/fixtures';
import { RunbooksClient } from './RunbooksClient';

const baseUrl = 'http://example.com/api/runbooks';

describe('RunbooksClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new RunbooksClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://example.com' }),
    fetchApi: new MockFetchApi(),
  });

  it('reads the runbooks of an entity', async () => {
    server.use(
      rest.get(
        `${baseUrl}/entities/default/component/payments`,
        (_, res, ctx) => res(ctx.json(entityRunbooks)),
      ),
    );

    await expect(
      client.getEntityRunbooks({
        kind: 'Component',
        namespace: 'default',
        name: 'payments',
      }),
    ).resolves.toEqual(entityRunbooks);
  });

  it('reads who is on call for an entity from its on-call route', async () => {
    const onCall = {
      entityRef: 'component:default/payments',
      escalation: [],
      onCallNow: [
        {
          level: 1,
          contacts: [{ ref: 'user:default/jane.doe', name: 'Jane Doe' }],
          until: '2026-11-30T09:00:00.000Z',
        },
      ],
      provider: 'schedule',
      severities: [{ name: 'P0', respondWithin: '15m' }],
      problems: [],
    };
    server.use(
      rest.get(
        `${baseUrl}/entities/default/component/payments/on-call`,
        (_, res, ctx) => res(ctx.json(onCall)),
      ),
    );

    await expect(
      client.getOnCall({
        kind: 'Component',
        namespace: 'default',
        name: 'payments',
      }),
    ).resolves.toEqual(onCall);
  });

  it('encodes every path segment', async () => {
    const requested: string[] = [];
    server.use(
      rest.get(`${baseUrl}/*`, (req, res, ctx) => {
        requested.push(req.url.pathname);
        return res(ctx.json(highCpuDetail));
      }),
    );

    await client.getRunbook(
      { kind: 'Component', namespace: 'team a', name: 'pay/ments' },
      'a b#c',
    );

    expect(requested).toEqual([
      '/api/runbooks/entities/team%20a/component/pay%2Fments/runbooks/a%20b%23c',
    ]);
  });

  it('throws a ResponseError carrying the backend error on 404', async () => {
    server.use(
      rest.get(
        `${baseUrl}/entities/default/component/payments/runbooks/nope`,
        (_, res, ctx) =>
          res(
            ctx.status(404),
            ctx.json({
              error: { name: 'NotFoundError', message: 'No runbook nope' },
              response: { statusCode: 404 },
            }),
          ),
      ),
    );

    const result = client.getRunbook(
      { kind: 'Component', namespace: 'default', name: 'payments' },
      'nope',
    );

    await expect(result).rejects.toBeInstanceOf(ResponseError);
    await expect(result).rejects.toMatchObject({
      statusCode: 404,
      body: { error: { name: 'NotFoundError', message: 'No runbook nope' } },
    });
  });
});

describe('RunbooksClient reviews, alerts and report', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new RunbooksClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://example.com' }),
    fetchApi: new MockFetchApi(),
  });
  const payments = {
    kind: 'Component',
    namespace: 'default',
    name: 'payments',
  };
  const review = {
    reviewer: 'user:default/jane.doe',
    reviewedAt: '2026-03-10T12:00:00.000Z',
    note: 'Checked against prod',
  };

  it('records a review with a JSON body and answers the new status', async () => {
    const received: Array<{ path: string; type: string | null; body: any }> =
      [];
    const answer = {
      runbook: { ...entityRunbooks.runbooks[0], status: 'fresh' },
      review,
    };
    server.use(
      rest.post(`${baseUrl}/*`, async (req, res, ctx) => {
        received.push({
          path: req.url.pathname,
          type: req.headers.get('content-type'),
          body: await req.json(),
        });
        return res(ctx.status(201), ctx.json(answer));
      }),
    );

    await expect(
      client.recordReview(
        { kind: 'Component', namespace: 'default', name: 'pay/ments' },
        'a b#c',
        '  Checked against prod ',
      ),
    ).resolves.toEqual(answer);
    await client.recordReview(payments, 'high-cpu');

    expect(received).toEqual([
      {
        path: '/api/runbooks/entities/default/component/pay%2Fments/runbooks/a%20b%23c/reviews',
        type: 'application/json',
        body: { note: 'Checked against prod' },
      },
      {
        path: '/api/runbooks/entities/default/component/payments/runbooks/high-cpu/reviews',
        type: 'application/json',
        body: {},
      },
    ]);
  });

  it('carries the backend message when a review is refused', async () => {
    server.use(
      rest.post(`${baseUrl}/*`, (_, res, ctx) =>
        res(
          ctx.status(403),
          ctx.json({
            error: {
              name: 'NotAllowedError',
              message: 'Only members of group:default/payments may review',
            },
            response: { statusCode: 403 },
          }),
        ),
      ),
    );

    await expect(
      client.recordReview(payments, 'high-cpu'),
    ).rejects.toMatchObject({
      statusCode: 403,
      body: {
        error: {
          name: 'NotAllowedError',
          message: 'Only members of group:default/payments may review',
        },
      },
    });
  });

  it('reads the review history of a runbook', async () => {
    server.use(
      rest.get(
        `${baseUrl}/entities/default/component/payments/runbooks/high-cpu/reviews`,
        (_, res, ctx) => res(ctx.json({ reviews: [review] })),
      ),
    );

    await expect(client.getReviews(payments, 'high-cpu')).resolves.toEqual([
      review,
    ]);
  });

  it.each([
    ['HighCPU', '/api/runbooks/alerts/HighCPU'],
    ['team/HighCPU', '/api/runbooks/alerts/team%2FHighCPU'],
    ['High CPU#1', '/api/runbooks/alerts/High%20CPU%231'],
    ['../report', '/api/runbooks/alerts/..%2Freport'],
  ])('looks up alert %j at %s', async (alert, path) => {
    const requested: string[] = [];
    server.use(
      rest.get(`${baseUrl}/*`, (req, res, ctx) => {
        requested.push(req.url.pathname);
        return res(ctx.json({ alert, matches: [], definedBy: [] }));
      }),
    );

    await client.lookupAlert(alert);

    expect(requested).toEqual([path]);
  });

  it('passes the query of an alert lookup through', async () => {
    const requested: string[] = [];
    server.use(
      rest.get(`${baseUrl}/alerts/:name`, (req, res, ctx) => {
        requested.push(`${req.url.pathname}${req.url.search}`);
        return res(ctx.json({ alert: 'HighCPU', matches: [], definedBy: [] }));
      }),
    );

    await client.lookupAlert('HighCPU', {
      entity: 'component:default/payments',
      namespace: 'a&b',
    });

    expect(requested).toEqual([
      '/api/runbooks/alerts/HighCPU?entity=component%3Adefault%2Fpayments&namespace=a%26b',
    ]);
  });

  it('rejects with a 404 ResponseError for an unknown alert', async () => {
    server.use(
      rest.get(`${baseUrl}/alerts/:name`, (_, res, ctx) =>
        res(
          ctx.status(404),
          ctx.json({
            error: { name: 'NotFoundError', message: 'No alert Nope' },
            response: { statusCode: 404 },
          }),
        ),
      ),
    );

    await expect(client.lookupAlert('Nope')).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it('reads the coverage report', async () => {
    const report = {
      totals: {
        entities: 1,
        withRunbooks: 1,
        runbooks: 1,
        fresh: 1,
        dueSoon: 0,
        stale: 0,
        neverReviewed: 0,
        missing: 0,
        alerts: 0,
        alertsWithoutRunbook: 0,
      },
      entities: [],
    };
    server.use(
      rest.get(`${baseUrl}/report`, (_, res, ctx) => res(ctx.json(report))),
    );

    await expect(client.getReport()).resolves.toEqual(report);
  });
});
