import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  EntityFiring,
  FiringAlert,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { act, fireEvent, screen } from '@testing-library/react';
import {
  mockRunbooksApi,
  renderOnEntityPage,
} from '../../__testUtils__/render';
import { runbooksApiRef } from '../../api';
import { EntityFiringAlertsCard } from './EntityFiringAlertsCard';
import { EntityFiringBanner } from './EntityFiringBanner';
import { FiringPage } from './FiringPage';

const crashLooping: FiringAlert = {
  fingerprint: 'f1',
  alertname: 'KubePodCrashLooping',
  alertmanager: 'prod',
  state: 'active',
  silencedBy: [],
  inhibitedBy: [],
  labels: { alertname: 'KubePodCrashLooping', namespace: 'payments' },
  severity: 'warning',
  startsAt: new Date(Date.now() - 12 * 60_000).toISOString(),
  summary: 'Pod payments-1 is crash looping',
  generatorURL: 'http://prometheus.example/graph?g0.expr=x',
  runbooks: [
    {
      entityRef: 'component:default/payments',
      id: 'crash',
      title: 'Pod crash looping',
      status: 'fresh',
      missing: false,
      anchor: 'steps',
      viewUrl: '/catalog/default/component/payments/runbooks/crash#steps',
    },
  ],
};

const noRunbook: FiringAlert = {
  ...crashLooping,
  fingerprint: 'f2',
  alertname: 'PaymentsDbDown',
  severity: 'critical',
  runbooks: [],
};

function firing(alerts: FiringAlert[], configured = true): EntityFiring {
  return {
    configured,
    alertmanagers: [],
    problems: [],
    entityRef: 'component:default/payments',
    alerts,
  };
}

describe('firing views', () => {
  it('card: each alert with how long, its runbook at the anchor, the source and labels on demand; a missing runbook flagged', async () => {
    const api = mockRunbooksApi({
      getEntityFiring: async () => firing([crashLooping, noRunbook]),
    });
    await renderOnEntityPage(<EntityFiringAlertsCard />, { api });
    expect(
      await screen.findByText('Firing now: 2 alerts firing'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Runbook: Pod crash looping' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments/runbooks/crash#steps',
    );
    expect(screen.getAllByText('for 12 min')).toHaveLength(2);
    expect(
      screen.getAllByRole('link', { name: /Source graph/ })[0],
    ).toHaveAttribute('href', 'http://prometheus.example/graph?g0.expr=x');
    expect(screen.getByText('No runbook for this alert')).toBeInTheDocument();
    expect(screen.queryByText('namespace=payments')).not.toBeInTheDocument();
    fireEvent.click(screen.getAllByRole('button', { name: 'Labels' })[0]);
    expect(screen.getByText('namespace=payments')).toBeInTheDocument();
  });

  it('banner: names each firing alert with its runbook; nothing when nothing fires or nothing is configured', async () => {
    const api = mockRunbooksApi({
      getEntityFiring: async () => firing([crashLooping]),
    });
    await renderOnEntityPage(<EntityFiringBanner />, { api });
    expect(
      await screen.findByRole('link', {
        name: 'KubePodCrashLooping → Pod crash looping',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(/1 alert firing/)).toBeInTheDocument();

    for (const answer of [firing([]), firing([], false)]) {
      const quiet = mockRunbooksApi({ getEntityFiring: async () => answer });
      const { container } = await renderOnEntityPage(<EntityFiringBanner />, {
        api: quiet,
      });
      expect(quiet.getEntityFiring).toHaveBeenCalled();
      expect(container).toBeEmptyDOMElement();
    }
  });

  it('card: hidden when no Alertmanager is configured', async () => {
    const api = mockRunbooksApi({
      getEntityFiring: async () => firing([], false),
    });
    const { container } = await renderOnEntityPage(<EntityFiringAlertsCard />, {
      api,
    });
    await act(async () => {});
    expect(api.getEntityFiring).toHaveBeenCalled();
    expect(container).toBeEmptyDOMElement();
  });

  it('reads the catalog page again when the backend signals a change, and filters it', async () => {
    let answer = firing([]);
    const api = mockRunbooksApi({ getEntityFiring: async () => answer });
    const listeners = new Map<string, (m: object) => void>();
    const signalApi = {
      subscribe: (channel: string, onMessage: (m: object) => void) => {
        listeners.set(channel, onMessage);
        return { unsubscribe: () => void listeners.delete(channel) };
      },
    } as SignalApi;
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [runbooksApiRef, api],
          [signalApiRef, signalApi],
        ]}
      >
        <FiringPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    await act(async () => {});
    expect(screen.queryByText('KubePodCrashLooping')).not.toBeInTheDocument();
    // The catalog page listens to the catalog-wide channel.
    api.getFiring.mockImplementation(async () => ({
      configured: true,
      alertmanagers: [],
      problems: [],
      entities: [
        {
          entityRef: 'component:default/payments',
          owner: 'group:default/payments',
          alerts: [crashLooping],
        },
      ],
      unattributed: [noRunbook],
    }));
    answer = firing([crashLooping]);
    await act(async () => {
      listeners.get('runbooks:firing')!({ changedAt: 'now' });
    });
    expect(await screen.findByText('KubePodCrashLooping')).toBeInTheDocument();
    expect(
      screen.getByText(/no service knows these alerts/),
    ).toBeInTheDocument();
    // Filterable.
    fireEvent.change(screen.getByLabelText('Filter'), {
      target: { value: 'PaymentsDb' },
    });
    expect(screen.queryByText('KubePodCrashLooping')).not.toBeInTheDocument();
    expect(screen.getByText('PaymentsDbDown')).toBeInTheDocument();
  });

  it('reads again every 10 s in an app without signals', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const api = mockRunbooksApi({
        getEntityFiring: async () => firing([crashLooping]),
      });
      await renderOnEntityPage(<EntityFiringAlertsCard />, { api });
      await screen.findByText('Firing now: 1 alert firing');
      const calls = api.getEntityFiring.mock.calls.length;
      await act(async () => {
        jest.advanceTimersByTime(10_000);
      });
      expect(api.getEntityFiring.mock.calls.length).toBe(calls + 1);
    } finally {
      jest.useRealTimers();
    }
  });
});
