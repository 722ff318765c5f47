import { Entity } from '@backstage/catalog-model';
import { startFakeVendorApi } from './__testUtils__/fakeVendorApi';
import { OpsgenieOnCallProvider } from './OpsgenieOnCallProvider';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    annotations: { 'opsgenie.com/team': 'Payments' },
  },
};
const now = new Date('2026-11-23T12:00:00Z');

const schedules = {
  data: [
    {
      id: 'sched-payments',
      name: 'Payments_schedule',
      timezone: 'Europe/Berlin',
      enabled: true,
      ownerTeam: { id: 'team-payments', name: 'Payments' },
      rotations: [],
    },
    {
      id: 'sched-old',
      name: 'Payments_old',
      enabled: false,
      ownerTeam: { id: 'team-payments', name: 'Payments' },
    },
    {
      id: 'sched-search',
      name: 'Search_schedule',
      enabled: true,
      ownerTeam: { id: 'team-search', name: 'Search' },
    },
  ],
  expandable: ['rotation'],
  took: 0.1,
  requestId: 'r1',
};

const onCalls = {
  data: {
    _parent: { id: 'sched-payments', name: 'Payments_schedule', enabled: true },
    onCallRecipients: ['jane.doe@example.com', 'raj.patel@example.com'],
  },
  took: 0.1,
  requestId: 'r2',
};

describe('OpsgenieOnCallProvider', () => {
  let api: Awaited<ReturnType<typeof startFakeVendorApi>> | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  function provider(timeoutMs = 1_000) {
    return new OpsgenieOnCallProvider({
      apiBaseUrl: api!.baseUrl,
      apiKey: 'og-secret',
      timeoutMs,
    });
  }

  it("answers the on-call recipients of the team's schedules", async () => {
    api = await startFakeVendorApi({
      'GET /v2/schedules': { body: schedules },
      'GET /v2/schedules/sched-payments/on-calls': { body: onCalls },
    });
    const answer = await provider().getOnCall({
      entity,
      target: 'payments',
      now,
    });
    expect(answer).toEqual({
      onCall: [
        {
          level: 1,
          contacts: [
            { name: 'jane.doe@example.com', email: 'jane.doe@example.com' },
            { name: 'raj.patel@example.com', email: 'raj.patel@example.com' },
          ],
        },
      ],
    });
    // Disabled schedules and other teams' schedules are not asked.
    expect(api.received.map(r => r.path)).toEqual([
      '/v2/schedules',
      '/v2/schedules/sched-payments/on-calls',
    ]);
  });

  it('sends the GenieKey and the documented on-calls query', async () => {
    api = await startFakeVendorApi({
      'GET /v2/schedules': { body: schedules },
      'GET /v2/schedules/sched-payments/on-calls': { body: onCalls },
    });
    await provider().getOnCall({ entity, target: 'Payments', now });
    for (const request of api.received) {
      expect(request.headers.authorization).toBe('GenieKey og-secret');
    }
    const query = api.received[1].query;
    expect(query.get('scheduleIdentifierType')).toBe('id');
    expect(query.get('flat')).toBe('true');
    expect(query.get('date')).toBe('2026-11-23T12:00:00.000Z');
  });

  it('reports a team without schedules as a problem', async () => {
    api = await startFakeVendorApi({
      'GET /v2/schedules': { body: schedules },
    });
    const answer = await provider().getOnCall({
      entity,
      target: 'nobody',
      now,
    });
    expect(answer.onCall).toEqual([]);
    expect(answer.problems?.[0].message).toBe(
      'Opsgenie team "nobody" owns no enabled schedule (from runbooks/on-call or opsgenie.com/team)',
    );
  });

  it('answers nobody when the schedule has no recipient now', async () => {
    api = await startFakeVendorApi({
      'GET /v2/schedules': { body: schedules },
      'GET /v2/schedules/sched-payments/on-calls': {
        body: { data: { _parent: onCalls.data._parent, onCallRecipients: [] } },
      },
    });
    const answer = await provider().getOnCall({
      entity,
      target: 'payments',
      now,
    });
    expect(answer).toEqual({ onCall: [] });
  });

  it('throws on 500, on an unauthorised key and on bad JSON', async () => {
    api = await startFakeVendorApi({
      'GET /v2/schedules': { status: 500, body: { message: 'oops' } },
    });
    await expect(
      provider().getOnCall({ entity, target: 'payments', now }),
    ).rejects.toThrow('Opsgenie answered HTTP 500 to GET /v2/schedules');
    await api.close();

    api = await startFakeVendorApi({
      'GET /v2/schedules': {
        status: 403,
        body: { message: 'You are not authorized', took: 0, requestId: 'x' },
      },
    });
    await expect(
      provider().getOnCall({ entity, target: 'payments', now }),
    ).rejects.toThrow('Opsgenie answered HTTP 403 to GET /v2/schedules');
    await api.close();

    api = await startFakeVendorApi({
      'GET /v2/schedules': { body: schedules },
      'GET /v2/schedules/sched-payments/on-calls': { body: '{"data": ' },
    });
    await expect(
      provider().getOnCall({ entity, target: 'payments', now }),
    ).rejects.toThrow(
      'Opsgenie answered GET /v2/schedules/sched-payments/on-calls with something not JSON',
    );
  });

  it('gives up after its timeout', async () => {
    api = await startFakeVendorApi({
      'GET /v2/schedules': { body: schedules },
      'GET /v2/schedules/sched-payments/on-calls': {
        delayMs: 1_000,
        body: onCalls,
      },
    });
    await expect(
      provider(200).getOnCall({ entity, target: 'payments', now }),
    ).rejects.toThrow(
      'Opsgenie did not answer GET /v2/schedules/sched-payments/on-calls within 0.2 s',
    );
  });
});
