import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { createOnCallRouter } from './router';

// Each backend compiles the OpenAPI validator on its first request: slow on a loaded machine.
jest.setTimeout(60_000);

describe('createOnCallRouter', () => {
  const onCall = { getOnCall: jest.fn() };

  async function app(
    defaultCredentials: BackstageCredentials = mockCredentials.user(),
  ) {
    const router = await createOnCallRouter({
      httpAuth: mockServices.httpAuth({ defaultCredentials }),
      onCall,
    });
    const middleware = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    });
    return express().use(router).use(middleware.error());
  }

  beforeEach(() => jest.resetAllMocks());

  it('answers the on-call of the entity for the caller', async () => {
    onCall.getOnCall.mockResolvedValue({
      entityRef: 'component:default/payments',
      escalation: [],
      onCallNow: [{ level: 1, contacts: [{ name: 'Jane Doe' }] }],
      provider: 'schedule',
      severities: [],
      problems: [],
    });
    const res = await request(await app()).get(
      '/entities/default/component/payments/on-call',
    );
    expect(res.status).toBe(200);
    expect(res.body.onCallNow[0].contacts[0].name).toBe('Jane Doe');
    expect(onCall.getOnCall).toHaveBeenCalledWith(
      { namespace: 'default', kind: 'component', name: 'payments' },
      mockCredentials.user(),
    );
  });

  it('answers 404 with the Backstage error body when the entity is not readable', async () => {
    onCall.getOnCall.mockRejectedValue(
      new NotFoundError(
        'No entity component:default/x in the catalog, or you may not read it',
      ),
    );
    const res = await request(await app()).get(
      '/entities/default/component/x/on-call',
    );
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ name: 'NotFoundError' });
    expect(res.body.response.statusCode).toBe(404);
  });

  it('refuses callers without credentials and accepts service tokens', async () => {
    const anonymous = await request(await app(mockCredentials.none())).get(
      '/entities/default/component/payments/on-call',
    );
    expect(anonymous.status).toBe(401);
    onCall.getOnCall.mockResolvedValue({ onCallNow: [] });
    const service = await request(await app(mockCredentials.none()))
      .get('/entities/default/component/payments/on-call')
      .set('Authorization', mockCredentials.service.header());
    expect(service.status).toBe(200);
  });
});
