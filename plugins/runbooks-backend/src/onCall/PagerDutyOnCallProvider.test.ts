import { Entity } from '@backstage/catalog-model';
import { startFakeVendorApi } from './__testUtils__/fakeVendorApi';
import { PagerDutyOnCallProvider } from './PagerDutyOnCallProvider';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    annotations: { 'pagerduty.com/service-id': 'PSERV01' },
  },
};
const now = new Date('2026-11-23T12:00:00Z');

const service = {
  service: {
    id: 'PSERV01',
    type: 'service',
    summary: 'Payments',
    escalation_policy: {
      id: 'PEP0001',
      type: 'escalation_policy_reference',
      summary: 'Payments escalation',
      self: 'https://api.pagerduty.com/escalation_policies/PEP0001',
      html_url: 'https://acme.pagerduty.com/escalation_policies/PEP0001',
    },
  },
};

const policy = {
  escalation_policy: {
    id: 'PEP0001',
    type: 'escalation_policy',
    name: 'Payments escalation',
    escalation_rules: [
      {
        id: 'R1',
        escalation_delay_in_minutes: 15,
        targets: [
          {
            id: 'PSCHED1',
            type: 'schedule_reference',
            summary: 'Payments primary',
            html_url: 'https://acme.pagerduty.com/schedules/PSCHED1',
          },
        ],
      },
      {
        id: 'R2',
        escalation_delay_in_minutes: 30,
        targets: [
          {
            id: 'PUSER02',
            type: 'user_reference',
            summary: 'Raj Patel',
            html_url: 'https://acme.pagerduty.com/users/PUSER02',
          },
        ],
      },
    ],
  },
};

const oncalls = {
  oncalls: [
    {
      escalation_policy: { id: 'PEP0001', type: 'escalation_policy_reference' },
      escalation_level: 2,
      schedule: null,
      start: null,
      end: null,
      user: {
        id: 'PUSER02',
        type: 'user',
        name: 'Raj Patel',
        email: 'raj.patel@example.com',
        html_url: 'https://acme.pagerduty.com/users/PUSER02',
      },
    },
    {
      escalation_policy: { id: 'PEP0001', type: 'escalation_policy_reference' },
      escalation_level: 1,
      schedule: { id: 'PSCHED1', type: 'schedule_reference' },
      start: '2026-11-23T10:00:00+01:00',
      end: '2026-11-30T10:00:00+01:00',
      user: {
        id: 'PUSER01',
        type: 'user',
        name: 'Jane Doe',
        email: 'jane.doe@example.com',
        html_url: 'https://acme.pagerduty.com/users/PUSER01',
      },
    },
  ],
  limit: 25,
  offset: 0,
  more: false,
  total: null,
};

describe('PagerDutyOnCallProvider', () => {
  let api: Awaited<ReturnType<typeof startFakeVendorApi>> | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  function provider(timeoutMs = 1_000) {
    return new PagerDutyOnCallProvider({
      apiBaseUrl: api!.baseUrl,
      token: 'pd-secret',
      timeoutMs,
    });
  }

  it('asks the service, its escalation policy and /oncalls, and answers who is on call per level', async () => {
    api = await startFakeVendorApi({
      'GET /services/PSERV01': { body: service },
      'GET /escalation_policies/PEP0001': { body: policy },
      'GET /oncalls': { body: oncalls },
    });
    const answer = await provider().getOnCall({
      entity,
      target: 'PSERV01',
      now,
    });
    expect(answer.onCall).toEqual([
      {
        level: 1,
        contacts: [
          {
            name: 'Jane Doe',
            email: 'jane.doe@example.com',
            uri: 'https://acme.pagerduty.com/users/PUSER01',
          },
        ],
        until: '2026-11-30T09:00:00.000Z',
      },
      {
        level: 2,
        contacts: [
          {
            name: 'Raj Patel',
            email: 'raj.patel@example.com',
            uri: 'https://acme.pagerduty.com/users/PUSER02',
          },
        ],
      },
    ]);
    expect(answer.escalation).toEqual([
      {
        level: 1,
        contacts: [
          {
            name: 'Payments primary (schedule)',
            uri: 'https://acme.pagerduty.com/schedules/PSCHED1',
          },
        ],
      },
      {
        level: 2,
        contacts: [
          {
            name: 'Raj Patel',
            uri: 'https://acme.pagerduty.com/users/PUSER02',
          },
        ],
      },
    ]);
  });

  it('sends the documented headers and /oncalls query', async () => {
    api = await startFakeVendorApi({
      'GET /services/PSERV01': { body: service },
      'GET /escalation_policies/PEP0001': { body: policy },
      'GET /oncalls': { body: oncalls },
    });
    await provider().getOnCall({ entity, target: 'PSERV01', now });
    for (const request of api.received) {
      expect(request.headers.authorization).toBe('Token token=pd-secret');
      expect(request.headers.accept).toBe(
        'application/vnd.pagerduty+json;version=2',
      );
    }
    const query = api.received.find(r => r.path === '/oncalls')!.query;
    expect(query.getAll('escalation_policy_ids[]')).toEqual(['PEP0001']);
    expect(query.getAll('include[]')).toEqual(['users']);
    expect(query.get('since')).toBe('2026-11-23T12:00:00.000Z');
    expect(query.get('until')).toBe('2026-11-23T12:00:00.000Z');
    expect(query.get('earliest')).toBe('true');
  });

  it('reports an unknown service as a problem, not an outage', async () => {
    api = await startFakeVendorApi({});
    const answer = await provider().getOnCall({
      entity,
      target: 'PNOPE',
      now,
    });
    expect(answer).toEqual({
      onCall: [],
      problems: [
        {
          level: 'error',
          subject: 'runbooks/on-call',
          message:
            'PagerDuty has no service with id "PNOPE" (from runbooks/on-call or pagerduty.com/service-id)',
        },
      ],
    });
  });

  it('throws when PagerDuty answers 500', async () => {
    api = await startFakeVendorApi({
      'GET /services/PSERV01': { status: 500, body: { error: 'boom' } },
    });
    await expect(
      provider().getOnCall({ entity, target: 'PSERV01', now }),
    ).rejects.toThrow('PagerDuty answered HTTP 500 to GET /services/PSERV01');
  });

  it('throws when PagerDuty answers something that is not JSON', async () => {
    api = await startFakeVendorApi({
      'GET /services/PSERV01': { body: service },
      'GET /escalation_policies/PEP0001': { body: policy },
      'GET /oncalls': { body: '<html>maintenance</html>' },
    });
    await expect(
      provider().getOnCall({ entity, target: 'PSERV01', now }),
    ).rejects.toThrow(
      'PagerDuty answered GET /oncalls with something not JSON',
    );
  });

  it('throws when the JSON is not shaped like the API', async () => {
    api = await startFakeVendorApi({
      'GET /services/PSERV01': { body: { service: { name: 'x' } } },
    });
    await expect(
      provider().getOnCall({ entity, target: 'PSERV01', now }),
    ).rejects.toThrow(
      'PagerDuty answered GET /services/PSERV01 with an unexpected body: service.escalation_policy Required',
    );
  });

  it('gives up after its timeout', async () => {
    api = await startFakeVendorApi({ 'GET /services/PSERV01': { hang: true } });
    const started = Date.now();
    await expect(
      provider(200).getOnCall({ entity, target: 'PSERV01', now }),
    ).rejects.toThrow(
      'PagerDuty did not answer GET /services/PSERV01 within 0.2 s',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('throws when nothing listens', async () => {
    api = await startFakeVendorApi({});
    const { baseUrl } = api;
    await api.close();
    api = undefined;
    await expect(
      new PagerDutyOnCallProvider({
        apiBaseUrl: baseUrl,
        token: 't',
      }).getOnCall({ entity, target: 'PSERV01', now }),
    ).rejects.toThrow(
      /^PagerDuty could not be reached for GET \/services\/PSERV01: /,
    );
  });
});
