import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { createRouter } from './router';
import { RunbooksService } from './service/RunbooksService';

// Each backend compiles the OpenAPI validator on its first request: slow on a loaded machine.
jest.setTimeout(60_000);

describe('createRouter', () => {
  const service = {
    getEntityRunbooks: jest.fn(),
    getRunbook: jest.fn(),
    refresh: jest.fn(),
    lookupAlert: jest.fn(),
    listDocuments: jest.fn(),
  };

  async function app(
    defaultCredentials: BackstageCredentials = mockCredentials.user(),
  ) {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth({
        pluginId: 'runbooks',
        defaultCredentials,
      }),
      service: service as unknown as RunbooksService,
      appBaseUrl: 'http://portal.example:3000/backstage',
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

  it('answers 429 with Retry-After while an entity cools down', async () => {
    service.refresh.mockResolvedValue({
      retryAfterSeconds: 42,
      message: 'component:default/a was refreshed less than 60 s ago',
    });
    const res = await request(await app())
      .post('/refresh')
      .send({ entityRef: 'component:default/a' });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('42');
    expect(res.body).toMatchObject({
      error: {
        name: 'TooManyRequestsError',
        message: 'component:default/a was refreshed less than 60 s ago',
      },
      response: { statusCode: 429 },
    });
  });

  it('lists documents only to the search backend', async () => {
    service.listDocuments.mockResolvedValue({ items: [] });
    const external = await request(await app(mockCredentials.none()))
      .get('/documents')
      .set('Authorization', mockCredentials.service.header());
    expect(external.status).toBe(403);
    expect(external.body.error.message).toBe(
      'Only the search backend (plugin:search) may list runbook documents',
    );
    const search = await request(await app(mockCredentials.none()))
      .get('/documents')
      .set(
        'Authorization',
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('plugin:search'),
          targetPluginId: 'runbooks',
        }),
      );
    expect(search.status).toBe(200);
    expect(service.listDocuments).toHaveBeenCalledTimes(1);
  });

  describe('alert redirect', () => {
    const oneMatch = {
      alert: 'NodeDown',
      matches: [
        { url: '/catalog/default/component/node/runbooks/nodedown#fix' },
      ],
      definedBy: [],
    };

    it('sends signed-in callers with one match straight to the runbook', async () => {
      service.lookupAlert.mockResolvedValue(oneMatch);
      const res = await request(await app()).get('/alerts/NodeDown/go');
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe(
        'http://portal.example:3000/backstage/catalog/default/component/node/runbooks/nodedown#fix',
      );
    });

    it('sends anonymous callers to the alert page without looking anything up', async () => {
      const res = await request(await app(mockCredentials.none())).get(
        '/alerts/NodeDown/go?severity=critical',
      );
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe(
        'http://portal.example:3000/backstage/runbooks/alerts/NodeDown?severity=critical',
      );
      expect(service.lookupAlert).not.toHaveBeenCalled();
    });

    it('does not route a raw // in the path anywhere', async () => {
      const res = await request(await app()).get('/alerts//evil.example/go');
      expect(res.status).toBe(404);
      expect(res.headers.location).toBeUndefined();
    });

    it.each([
      ['%2F%2Fevil.example%2Fx', '%2F%2Fevil.example%2Fx'],
      ['..%2F..%2Fadmin', '..%2F..%2Fadmin'],
      ['%5C%5Cevil.example', '%5C%5Cevil.example'],
      ['http:%2F%2Fevil.example', 'http%3A%2F%2Fevil.example'],
      ['%40evil.example', '%40evil.example'],
    ])('keeps hostile name %s inside the portal', async (raw, encoded) => {
      service.lookupAlert.mockResolvedValue({
        alert: raw,
        matches: [],
        definedBy: [],
      });
      const res = await request(await app()).get(`/alerts/${raw}/go`);
      expect(res.status).toBe(302);
      const location = new URL(res.headers.location);
      expect(location.origin).toBe('http://portal.example:3000');
      expect(location.pathname).toBe(`/backstage/runbooks/alerts/${encoded}`);
    });

    it('lets a failing lookup reach the error handler instead of redirecting', async () => {
      service.lookupAlert.mockRejectedValue(new Error('database is down'));
      const res = await request(await app()).get('/alerts/NodeDown/go');
      expect(res.status).toBe(500);
      expect(res.headers.location).toBeUndefined();
    });

    it('sends callers to the alert page when no runbook answers', async () => {
      service.lookupAlert.mockRejectedValue(new NotFoundError('no runbook'));
      const res = await request(await app()).get('/alerts/NodeDown/go');
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe(
        'http://portal.example:3000/backstage/runbooks/alerts/NodeDown',
      );
    });

    it('refuses very long alert names with a clear message', async () => {
      const res = await request(await app()).get(
        `/alerts/${'A'.repeat(5000)}/go`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('longer than 256 characters');
    });

    it('passes entity and labels to the lookup and answers its result', async () => {
      service.lookupAlert.mockResolvedValue(oneMatch);
      const res = await request(await app()).get(
        '/alerts/NodeDown?entity=component:default/node&severity=critical',
      );
      expect(res.status).toBe(200);
      expect(service.lookupAlert).toHaveBeenCalledWith(
        'NodeDown',
        { entity: 'component:default/node', severity: 'critical' },
        mockCredentials.user(),
      );
    });
  });
});
