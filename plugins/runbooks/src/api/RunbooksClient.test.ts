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
