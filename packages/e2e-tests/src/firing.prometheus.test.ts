import fs from 'fs';
import {
  BackendProcess,
  guestToken,
  startBackend,
  waitFor,
} from './backendProcess';
import {
  ALERTMANAGER,
  Alertmanager,
  CountingProxy,
  monitoringDir,
  requireMonitoringBinaries,
  startAlertmanager,
  startCountingProxy,
} from './monitoring';

// The firing answers against Debian's real prometheus-alertmanager: alerts
// posted to its own API, silences made through it, the backend reading it
// through a proxy that counts its requests.
jest.setTimeout(600_000);

const PAYMENTS = '/api/runbooks/entities/default/component/payments-api';
const POLL_SECONDS = 2;

type FiringAlert = {
  alertname: string;
  state: string;
  labels: Record<string, string>;
  severity?: string;
  summary?: string;
  silencedBy: string[];
  inhibitedBy: string[];
  generatorURL?: string;
  runbooks: Array<{
    id: string;
    title: string;
    anchor?: string;
    viewUrl: string;
    missing: boolean;
    status: string;
  }>;
};

type EntityFiring = {
  configured: boolean;
  alerts: FiringAlert[];
  problems: Array<{ message: string }>;
};

type CatalogFiring = {
  configured: boolean;
  entities: Array<{ entityRef: string; owner?: string; alerts: FiringAlert[] }>;
  unattributed: FiringAlert[];
  problems: Array<{ message: string }>;
};

describe('firing alerts from a real Alertmanager', () => {
  let backend: BackendProcess | undefined;
  let alertmanager: Alertmanager | undefined;
  let proxy: CountingProxy | undefined;
  let dir = '';
  let token = '';

  async function get<T>(path: string, bearer = token): Promise<T> {
    const res = await fetch(`${backend!.baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${bearer}` },
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  /** Waits until the entity answer satisfies `test`. */
  function entityUntil(what: string, test: (a: EntityFiring) => boolean) {
    return waitFor(
      what,
      async () => {
        const answer = await get<EntityFiring>(`${PAYMENTS}/firing`);
        return test(answer) ? answer : undefined;
      },
      90_000,
    );
  }

  const named = (answer: { alerts: FiringAlert[] }, name: string) =>
    answer.alerts.filter(a => a.alertname === name);

  beforeAll(async () => {
    requireMonitoringBinaries([ALERTMANAGER]);
    dir = monitoringDir();
    alertmanager = await startAlertmanager(dir);
    proxy = await startCountingProxy(alertmanager.url);
    backend = await startBackend({
      runbooks: {
        refresh: {
          frequency: { minutes: 30 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 1 },
        },
        alertmanager: {
          instances: [
            { name: 'e2e', baseUrl: proxy.url, timeout: { seconds: 2 } },
          ],
          pollInterval: { seconds: POLL_SECONDS },
        },
      },
    });
    token = await guestToken(backend.baseUrl);
    await waitFor(
      "payments-api's runbooks",
      async () => ((await backend!.api(PAYMENTS)).ok ? true : undefined),
      180_000,
    );
  }, 600_000);

  afterAll(async () => {
    await backend?.stop();
    await proxy?.stop();
    await alertmanager?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("puts a firing alert on its entity beside its runbook's section, and in the catalog answer", async () => {
    await alertmanager!.postAlerts([
      {
        labels: {
          alertname: 'PaymentsProviderTimeouts',
          namespace: 'payments',
          severity: 'critical',
          instance: 'pay-1',
        },
        annotations: { summary: 'Card provider answers in 9 s' },
        generatorURL: 'http://prometheus.example/graph?g0.expr=up',
      },
    ]);
    const answer = await entityUntil(
      'PaymentsProviderTimeouts on payments-api',
      a => named(a, 'PaymentsProviderTimeouts').length === 1,
    );
    expect(answer.configured).toBe(true);
    const [alert] = named(answer, 'PaymentsProviderTimeouts');
    expect(alert).toMatchObject({
      state: 'active',
      severity: 'critical',
      summary: 'Card provider answers in 9 s',
      generatorURL: 'http://prometheus.example/graph?g0.expr=up',
      labels: expect.objectContaining({ instance: 'pay-1' }),
    });
    expect(alert.runbooks).toEqual([
      expect.objectContaining({
        id: 'payment-provider-timeouts',
        anchor: 'mitigation',
        missing: false,
        viewUrl:
          '/catalog/default/component/payments-api/runbooks/payment-provider-timeouts#mitigation',
      }),
    ]);

    const catalog = await get<CatalogFiring>('/api/runbooks/firing');
    const payments = catalog.entities.find(
      e => e.entityRef === 'component:default/payments-api',
    );
    expect(payments?.owner).toBe('group:default/payments');
    expect(named(payments!, 'PaymentsProviderTimeouts')).toHaveLength(1);
    // The alert landing page's filter.
    const byName = await get<CatalogFiring>(
      '/api/runbooks/firing?alertname=PaymentsProviderTimeouts',
    );
    expect(
      byName.entities.flatMap(e => e.alerts.map(a => a.alertname)),
    ).toEqual(['PaymentsProviderTimeouts']);
  });

  it('flags an alert whose runbook is missing', async () => {
    await alertmanager!.postAlerts([
      {
        labels: { alertname: 'PaymentsRefundBacklog', namespace: 'payments' },
      },
    ]);
    const answer = await entityUntil(
      'PaymentsRefundBacklog on payments-api',
      a => named(a, 'PaymentsRefundBacklog').length === 1,
    );
    expect(named(answer, 'PaymentsRefundBacklog')[0].runbooks).toEqual([
      expect.objectContaining({ id: 'refund-backlog', missing: true }),
    ]);
  });

  it("narrows by the entity's runbooks/alert-selector; alerts nobody claims are listed apart", async () => {
    await alertmanager!.postAlerts([
      {
        labels: {
          alertname: 'PaymentsProviderTimeouts',
          namespace: 'orders',
          instance: 'orders-1',
        },
      },
      { labels: { alertname: 'NobodyKnowsThisAlert', namespace: 'payments' } },
    ]);
    const catalog = await waitFor(
      'the orders alert among the unattributed ones',
      async () => {
        const answer = await get<CatalogFiring>('/api/runbooks/firing');
        return answer.unattributed.some(a => a.labels.namespace === 'orders') &&
          answer.unattributed.some(a => a.alertname === 'NobodyKnowsThisAlert')
          ? answer
          : undefined;
      },
      90_000,
    );
    const payments = catalog.entities.find(
      e => e.entityRef === 'component:default/payments-api',
    )!;
    expect(
      named(payments, 'PaymentsProviderTimeouts').map(a => a.labels.namespace),
    ).toEqual(['payments']);
    const entity = await get<EntityFiring>(`${PAYMENTS}/firing`);
    expect(
      entity.alerts.filter(a => a.labels.namespace !== 'payments'),
    ).toEqual([]);
  });

  it('shows a silenced alert as silenced, with the silence', async () => {
    const id = await alertmanager!.silence([
      { name: 'alertname', value: 'PaymentsRefundBacklog' },
    ]);
    const answer = await entityUntil(
      'PaymentsRefundBacklog silenced',
      a => named(a, 'PaymentsRefundBacklog')[0]?.state === 'silenced',
    );
    expect(named(answer, 'PaymentsRefundBacklog')[0].silencedBy).toEqual([id]);
    expect(named(answer, 'PaymentsProviderTimeouts')[0].state).toBe('active');
  });

  it('shows an inhibited alert as inhibited, naming the inhibitor', async () => {
    await alertmanager!.postAlerts([
      { labels: { alertname: 'E2eInhibitor' } },
      {
        labels: {
          alertname: 'PaymentsProviderTimeouts',
          namespace: 'payments',
          instance: 'pay-inhibited',
          inhibited: 'yes',
        },
      },
    ]);
    const answer = await entityUntil('the inhibited alert', a =>
      a.alerts.some(x => x.labels.instance === 'pay-inhibited'),
    );
    const inhibited = answer.alerts.find(
      x => x.labels.instance === 'pay-inhibited',
    )!;
    expect(inhibited.state).toBe('inhibited');
    expect(inhibited.inhibitedBy).toHaveLength(1);
    // Resolved again, so that the cases below see only their own alerts.
    const inhibitedLabels: Array<Record<string, string>> = [
      { alertname: 'E2eInhibitor' },
      {
        alertname: 'PaymentsProviderTimeouts',
        namespace: 'payments',
        instance: 'pay-inhibited',
        inhibited: 'yes',
      },
    ];
    await alertmanager!.postAlerts(
      inhibitedLabels.map(labels => ({
        labels,
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() - 1_000).toISOString(),
      })),
    );
    await entityUntil(
      'the inhibited alert resolved',
      a => !a.alerts.some(x => x.labels.instance === 'pay-inhibited'),
    );
  });

  it('asks Alertmanager once per poll interval however many callers ask', async () => {
    const before = proxy!.count('/api/v2/alerts');
    const started = Date.now();
    let answered = 0;
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        for (let round = 0; round < 10; round++) {
          const path = i % 2 ? `${PAYMENTS}/firing` : '/api/runbooks/firing';
          await get(path);
          answered++;
        }
      }),
    );
    const elapsedMs = Date.now() - started;
    const polls = proxy!.count('/api/v2/alerts') - before;
    expect(answered).toBe(500);
    // At most one request per poll interval that passed (plus the poll
    // under way when the callers started), whatever the number of callers.
    expect(polls).toBeLessThanOrEqual(
      Math.ceil(elapsedMs / (POLL_SECONDS * 1000)) + 1,
    );
    expect(polls).toBeLessThan(answered / 10);
  });

  it('says since when Alertmanager is unreachable and keeps answering; recovers when it is back', async () => {
    const port = alertmanager!.port;
    await alertmanager!.stop();
    const down = await entityUntil('the unreachable problem', a =>
      a.problems.some(p =>
        /^Alertmanager e2e unreachable since /.test(p.message),
      ),
    );
    // The last alerts it reported stay on screen, flagged.
    expect(named(down, 'PaymentsProviderTimeouts')).toHaveLength(1);
    const runbooks = await get<{ runbooks: unknown[] }>(PAYMENTS);
    expect(runbooks.runbooks.length).toBeGreaterThan(0);
    const catalog = await get<CatalogFiring>('/api/runbooks/firing');
    expect(catalog.problems.map(p => p.message)).toEqual([
      expect.stringMatching(
        /^Alertmanager e2e unreachable since .*showing the alerts it reported at/,
      ),
    ]);

    // Back, without its data: the alerts posted now are what it knows.
    alertmanager = await startAlertmanager(dir, port);
    await alertmanager.postAlerts([
      {
        labels: {
          alertname: 'PaymentsProviderTimeouts',
          namespace: 'payments',
          instance: 'pay-2',
        },
      },
    ]);
    const back = await entityUntil(
      'Alertmanager back',
      a =>
        !a.problems.length &&
        named(a, 'PaymentsProviderTimeouts').some(
          x => x.labels.instance === 'pay-2',
        ),
    );
    expect(back.problems).toEqual([]);
  });

  it('resolves: an alert posted with an end in the past leaves the answer', async () => {
    await alertmanager!.postAlerts([
      {
        labels: {
          alertname: 'PaymentsProviderTimeouts',
          namespace: 'payments',
          instance: 'pay-2',
        },
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() - 1_000).toISOString(),
      },
    ]);
    const resolved = await entityUntil(
      'PaymentsProviderTimeouts resolved',
      a => !a.alerts.some(x => x.labels.instance === 'pay-2'),
    );
    expect(resolved.problems).toEqual([]);
    const catalog = await get<CatalogFiring>('/api/runbooks/firing');
    expect(
      [...catalog.entities.flatMap(e => e.alerts), ...catalog.unattributed]
        .map(a => a.labels.instance)
        .includes('pay-2'),
    ).toBe(false);
  });
});
