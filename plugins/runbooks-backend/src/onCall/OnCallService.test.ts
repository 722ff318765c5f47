import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  OnCallAnswer,
  OnCallProvider,
} from '@runbooks-for-backstage/plugin-runbooks-node';
import { OnCallService } from './OnCallService';

const severities = [{ name: 'P1', respondWithin: '1h' }];

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'group:default/team' },
  };
}

const users: Entity[] = ['jane.doe', 'raj.patel'].map(name => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name },
  spec: {
    profile: {
      displayName: name
        .split('.')
        .map(w => w[0].toUpperCase() + w.slice(1))
        .join(' '),
      email: `${name}@example.com`,
    },
  },
}));

function fakeProvider(
  id: string,
  answer: () => Promise<OnCallAnswer>,
  extra: Partial<OnCallProvider> = {},
) {
  const getOnCall = jest.fn(answer);
  return { id, getOnCall, ...extra };
}

const janeUntilMonday: OnCallAnswer = {
  onCall: [
    {
      level: 1,
      contacts: [{ ref: 'user:default/jane.doe', name: 'user:jane.doe' }],
      until: '2026-11-30T09:00:00.000Z',
      next: [{ ref: 'user:default/raj.patel', name: 'user:raj.patel' }],
    },
  ],
  problems: [],
};

function setup(options: {
  entities: Entity[];
  providers?: OnCallProvider[];
  clock?: { now: Date };
  store?: { getEntity: jest.Mock };
  timeoutMs?: number;
}) {
  const clock = options.clock ?? { now: new Date('2026-11-23T12:00:00Z') };
  const service = new OnCallService({
    catalog: catalogServiceMock({ entities: [...users, ...options.entities] }),
    providers: options.providers ?? [],
    logger: mockServices.logger.mock(),
    severities,
    store: options.store,
    now: () => clock.now,
    timeoutMs: options.timeoutMs,
  });
  const ask = (name: string) =>
    service.getOnCall(
      { kind: 'component', namespace: 'default', name },
      mockCredentials.user(),
    );
  return { service, clock, ask };
}

describe('OnCallService', () => {
  it('answers the escalation alone when the entity names no provider', async () => {
    const { ask } = setup({
      entities: [
        component('svc', {
          'runbooks/escalation': 'user:jane.doe, mailto:leads@example.com',
        }),
      ],
    });
    expect(await ask('svc')).toEqual({
      entityRef: 'component:default/svc',
      escalation: [
        {
          level: 1,
          contacts: [
            {
              ref: 'user:default/jane.doe',
              name: 'Jane Doe',
              email: 'jane.doe@example.com',
            },
          ],
        },
        {
          level: 2,
          contacts: [
            { uri: 'mailto:leads@example.com', name: 'leads@example.com' },
          ],
        },
      ],
      onCallNow: [],
      provider: undefined,
      severities,
      problems: [],
    });
  });

  it('answers 404 for an entity the caller cannot read', async () => {
    const { ask } = setup({ entities: [] });
    await expect(ask('hidden')).rejects.toThrow(NotFoundError);
    await expect(ask('hidden')).rejects.toThrow(
      'No entity component:default/hidden in the catalog, or you may not read it',
    );
  });

  it('asks the named provider and resolves who is on call, and who is next, through the catalog', async () => {
    const schedule = fakeProvider('schedule', async () => janeUntilMonday);
    const { ask } = setup({
      entities: [
        component('svc', { 'runbooks/on-call': 'schedule:./oncall.yaml' }),
      ],
      providers: [schedule],
    });
    const answer = await ask('svc');
    expect(answer.provider).toBe('schedule');
    expect(answer.onCallNow).toEqual([
      {
        level: 1,
        contacts: [
          {
            ref: 'user:default/jane.doe',
            name: 'Jane Doe',
            email: 'jane.doe@example.com',
          },
        ],
        until: '2026-11-30T09:00:00.000Z',
        next: [
          {
            ref: 'user:default/raj.patel',
            name: 'Raj Patel',
            email: 'raj.patel@example.com',
          },
        ],
      },
    ]);
    expect(schedule.getOnCall).toHaveBeenCalledWith(
      expect.objectContaining({
        target: './oncall.yaml',
        now: new Date('2026-11-23T12:00:00Z'),
      }),
    );
  });

  it('caches answers for a minute, and never past the end of a shift', async () => {
    const schedule = fakeProvider('schedule', async () => janeUntilMonday);
    const { ask, clock } = setup({
      entities: [component('svc', { 'runbooks/on-call': 'schedule:./x.yaml' })],
      providers: [schedule],
    });
    await ask('svc');
    clock.now = new Date('2026-11-23T12:00:59Z');
    await ask('svc');
    expect(schedule.getOnCall).toHaveBeenCalledTimes(1);
    clock.now = new Date('2026-11-23T12:01:00Z');
    await ask('svc');
    expect(schedule.getOnCall).toHaveBeenCalledTimes(2);

    clock.now = new Date('2026-11-30T08:59:30Z');
    await ask('svc');
    clock.now = new Date('2026-11-30T09:00:00Z');
    await ask('svc');
    expect(schedule.getOnCall).toHaveBeenCalledTimes(4);
  });

  it('shows the escalation and "unreachable since" the first failure while the provider fails', async () => {
    let up = false;
    const pagerduty = fakeProvider('pagerduty', async () => {
      if (!up)
        throw new Error('PagerDuty answered HTTP 500 to GET /services/P1');
      return { onCall: [], escalation: [] };
    });
    const { ask, clock } = setup({
      entities: [
        component('svc', {
          'pagerduty.com/service-id': 'P1',
          'runbooks/escalation': 'user:raj.patel',
        }),
      ],
      providers: [pagerduty],
    });
    const first = await ask('svc');
    expect(first).toMatchObject({
      provider: 'pagerduty',
      onCallNow: [],
      unreachableSince: '2026-11-23T12:00:00.000Z',
      escalation: [{ level: 1, contacts: [{ name: 'Raj Patel' }] }],
    });

    clock.now = new Date('2026-11-23T12:05:00Z');
    const later = await ask('svc');
    expect(later.unreachableSince).toBe('2026-11-23T12:00:00.000Z');
    expect(pagerduty.getOnCall).toHaveBeenCalledTimes(2);

    up = true;
    clock.now = new Date('2026-11-23T12:10:00Z');
    const recovered = await ask('svc');
    expect(recovered.unreachableSince).toBeUndefined();
  });

  it('treats a provider that never answers as unreachable', async () => {
    const stuck = fakeProvider('schedule', () => new Promise(() => {}));
    const { ask } = setup({
      entities: [component('svc', { 'runbooks/on-call': 'schedule:./x.yaml' })],
      providers: [stuck],
      timeoutMs: 50,
    });
    expect((await ask('svc')).unreachableSince).toBe(
      '2026-11-23T12:00:00.000Z',
    );
  });

  it('says when the named provider is not configured', async () => {
    const { ask } = setup({
      entities: [
        component('explicit', { 'runbooks/on-call': 'opsgenie:payments' }),
        component('vendor', { 'pagerduty.com/service-id': 'P1' }),
      ],
    });
    expect((await ask('explicit')).problems).toEqual([
      {
        level: 'error',
        subject: 'runbooks/on-call',
        message:
          'runbooks/on-call names opsgenie, but runbooks.onCall.opsgenie is not configured in this Backstage',
      },
    ]);
    const vendor = await ask('vendor');
    expect(vendor.provider).toBeUndefined();
    expect(vendor.problems[0]).toMatchObject({
      level: 'warning',
      message:
        'The entity has a pagerduty annotation, but runbooks.onCall.pagerduty is not configured in this Backstage, so who is on call is not shown',
    });
  });

  it('says when the named provider is not installed', async () => {
    const schedule = fakeProvider('schedule', async () => janeUntilMonday);
    const { ask } = setup({
      entities: [
        component('rota', {
          'runbooks/on-call': 'rota:team-x',
          'runbooks/escalation': 'mailto:oncall@example.com',
        }),
      ],
      providers: [schedule],
    });
    const answer = await ask('rota');
    expect(answer.provider).toBeUndefined();
    expect(answer.onCallNow).toEqual([]);
    // The escalation is still answered.
    expect(answer.escalation).toHaveLength(1);
    expect(answer.problems).toEqual([
      {
        level: 'error',
        subject: 'runbooks/on-call',
        message:
          'runbooks/on-call is "rota:team-x", but no on-call provider \'rota\' is installed in this Backstage (installed: schedule); add the backend module that provides it',
      },
    ]);
    expect(schedule.getOnCall).not.toHaveBeenCalled();
  });

  it('reports a malformed runbooks/on-call value', async () => {
    const { ask } = setup({
      entities: [
        component('svc', { 'runbooks/on-call': 'someone, somewhere' }),
      ],
    });
    expect((await ask('svc')).problems[0].message).toContain(
      'Annotation runbooks/on-call is "someone, somewhere"',
    );
  });

  it('uses providers added by modules, by id or by their own annotation', async () => {
    const victorops = fakeProvider('victorops', async () => janeUntilMonday);
    const grafana = fakeProvider(
      'grafana-oncall',
      async () => janeUntilMonday,
      {
        targetOf: entity =>
          entity.metadata.annotations?.['grafana.com/oncall-team'],
      },
    );
    const { ask } = setup({
      entities: [
        component('named', { 'runbooks/on-call': 'victorops:routing-key-1' }),
        component('annotated', { 'grafana.com/oncall-team': 'sre' }),
      ],
      providers: [victorops, grafana],
    });
    expect((await ask('named')).provider).toBe('victorops');
    expect(victorops.getOnCall).toHaveBeenCalledWith(
      expect.objectContaining({ target: 'routing-key-1' }),
    );
    expect((await ask('annotated')).provider).toBe('grafana-oncall');
    expect(grafana.getOnCall).toHaveBeenCalledWith(
      expect.objectContaining({ target: 'sre' }),
    );
  });

  it("falls back to the provider's escalation, and passes its problems on", async () => {
    const pagerduty = fakeProvider('pagerduty', async () => ({
      onCall: [],
      escalation: [{ level: 1, contacts: [{ name: 'Primary (schedule)' }] }],
      problems: [{ level: 'warning', message: 'something odd' }],
    }));
    const { ask } = setup({
      entities: [component('svc', { 'runbooks/on-call': 'pagerduty:P1' })],
      providers: [pagerduty],
    });
    const answer = await ask('svc');
    expect(answer.escalation).toEqual([
      { level: 1, contacts: [{ name: 'Primary (schedule)' }] },
    ]);
    expect(answer.problems).toEqual([
      { level: 'warning', message: 'something odd' },
    ]);
  });

  it("answers the runbook index's severity ladder when the entity has one, else the configured one", async () => {
    const store = {
      getEntity: jest.fn(async (ref: string) =>
        ref === 'component:default/indexed'
          ? {
              severities: [{ name: 'SEV1', respondWithin: '5m' }],
              escalation: [],
            }
          : undefined,
      ),
    };
    const { ask } = setup({
      entities: [component('indexed', {}), component('plain', {})],
      store,
    });
    expect((await ask('indexed')).severities).toEqual([
      { name: 'SEV1', respondWithin: '5m' },
    ]);
    expect((await ask('plain')).severities).toEqual(severities);
  });

  it('reports unknown on-call members and escalation contacts', async () => {
    const schedule = fakeProvider('schedule', async () => ({
      onCall: [
        {
          level: 1,
          contacts: [{ ref: 'user:default/ghost', name: 'user:ghost' }],
        },
      ],
    }));
    const { ask } = setup({
      entities: [
        component('svc', {
          'runbooks/on-call': 'schedule:./x.yaml',
          'runbooks/escalation': 'group:default/x',
        }),
      ],
      providers: [schedule],
    });
    expect((await ask('svc')).problems.map(p => p.message)).toEqual([
      'Escalation contact group:default/x is not in the catalog',
      'On-call member user:default/ghost is not in the catalog',
    ]);
  });
});
