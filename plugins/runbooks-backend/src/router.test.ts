import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { createRouter } from './router';
import { RunbooksService } from './service/RunbooksService';

describe('createRouter', () => {
  const service = {
    getEntityRunbooks: jest.fn(),
    getRunbook: jest.fn(),
    refresh: jest.fn(),
  };

  async function app(
    defaultCredentials: BackstageCredentials = mockCredentials.user(),
  ) {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth({ defaultCredentials }),
      service: service as unknown as RunbooksService,
    });
    const middleware = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    });
    return express().use(router).use(middleware.error());
  }

  beforeEach(() => jest.resetAllMocks());

  it('answers health without credentials', async () => {
    const res = await request(await app(mockCredentials.none())).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('passes the entity ref and the caller to the service', async () => {
    service.getEntityRunbooks.mockResolvedValue({
      entityRef: 'component:default/a',
      runbooks: [],
    });
    const res = await request(await app()).get('/entities/default/component/a');
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/a');
    expect(service.getEntityRunbooks).toHaveBeenCalledWith(
      { namespace: 'default', kind: 'component', name: 'a' },
      mockCredentials.user(),
    );
  });

  it('accepts service tokens on the GET endpoints', async () => {
    service.getRunbook.mockResolvedValue({ id: 'x', markdown: '# X' });
    const res = await request(await app(mockCredentials.none()))
      .get('/entities/default/component/a/runbooks/x')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(service.getRunbook).toHaveBeenCalledWith(
      { namespace: 'default', kind: 'component', name: 'a' },
      'x',
      mockCredentials.service(),
    );
  });

  it('refuses requests without credentials', async () => {
    const res = await request(await app(mockCredentials.none())).get(
      '/entities/default/component/a',
    );
    expect(res.status).toBe(401);
    expect(service.getEntityRunbooks).not.toHaveBeenCalled();
  });

  it('answers Backstage error bodies for what the service throws', async () => {
    service.getRunbook.mockRejectedValue(
      new NotFoundError('component:default/a has no runbook with id "nope"'),
    );
    const res = await request(await app()).get(
      '/entities/default/component/a/runbooks/nope',
    );
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      name: 'NotFoundError',
      message: 'component:default/a has no runbook with id "nope"',
    });
    expect(res.body.response.statusCode).toBe(404);
  });

  it('validates the refresh body and names what is wrong', async () => {
    const server = await app();
    const missing = await request(server).post('/refresh').send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(
      /^Invalid request body: entityRef/,
    );
    const bad = await request(server)
      .post('/refresh')
      .send({ entityRef: 'component:default/a b' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(
      'Invalid entityRef "component:default/a b"',
    );
    service.refresh.mockResolvedValue({
      entityRef: 'component:default/a',
      runbooks: 2,
    });
    const ok = await request(server)
      .post('/refresh')
      .send({ entityRef: 'component:default/a' });
    expect(ok.status).toBe(200);
    expect(ok.body.runbooks).toBe(2);
  });
});
