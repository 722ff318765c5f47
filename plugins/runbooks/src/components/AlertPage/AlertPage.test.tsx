import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router-dom';
import { AlertLookup, runbooksApiRef } from '../../api';
import { makeRunbook } from '../../__testUtils__/fixtures';
import { mockRunbooksApi } from '../../__testUtils__/render';
import { RunbooksPage } from '../RunbooksPage';

function Probe() {
  const location = useLocation();
  return (
    <p data-testid="runbook-page">{`${location.pathname}${location.hash}`}</p>
  );
}

async function renderAlertPage(
  api: ReturnType<typeof mockRunbooksApi>,
  path: string,
) {
  await renderInTestApp(
    <TestApiProvider apis={[[runbooksApiRef, api]]}>
      <Routes>
        <Route path="/runbooks/*" element={<RunbooksPage />} />
        <Route
          path="/catalog/:namespace/:kind/:name/runbooks/:id"
          element={<Probe />}
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const highCpu = makeRunbook({
  id: 'high-cpu',
  title: 'High CPU',
  status: 'stale',
});

function answering(lookup: AlertLookup) {
  return mockRunbooksApi({ lookupAlert: async () => lookup });
}

describe('AlertPage', () => {
  it('goes straight to the runbook when one answers the alert, passing the query on', async () => {
    const api = answering({
      alert: 'HighCPU',
      matches: [
        {
          entityRef: 'component:default/payments',
          runbook: highCpu,
          anchor: 'what-to-do',
          url: '/catalog/default/component/payments/runbooks/high-cpu#what-to-do',
        },
      ],
      definedBy: [],
    });
    await renderAlertPage(
      api,
      '/runbooks/alerts/HighCPU?entity=component:default/payments&severity=page',
    );

    expect(await screen.findByTestId('runbook-page')).toHaveTextContent(
      '/catalog/default/component/payments/runbooks/high-cpu#what-to-do',
    );
    expect(api.lookupAlert).toHaveBeenCalledWith('HighCPU', {
      entity: 'component:default/payments',
      severity: 'page',
    });
  });

  it('decodes alert names holding slashes, spaces and #', async () => {
    const api = answering({
      alert: 'team/High CPU#1',
      matches: [],
      definedBy: [],
    });
    await renderAlertPage(api, '/runbooks/alerts/team%2FHigh%20CPU%231');

    expect(
      await screen.findByText('No runbook answers team/High CPU#1'),
    ).toBeInTheDocument();
    expect(api.lookupAlert).toHaveBeenCalledWith('team/High CPU#1', {});
  });

  it('lets the user choose when several runbooks answer the alert', async () => {
    await renderAlertPage(
      answering({
        alert: 'HighCPU',
        matches: [
          {
            entityRef: 'component:default/payments',
            entityTitle: 'Payments API',
            owner: 'group:default/payments',
            runbook: highCpu,
            url: '/catalog/default/component/payments/runbooks/high-cpu',
          },
          {
            entityRef: 'component:default/checkout',
            owner: 'group:default/checkout',
            runbook: makeRunbook({
              id: 'cpu',
              title: 'CPU saturation',
              status: 'fresh',
            }),
            url: '/catalog/default/component/checkout/runbooks/cpu',
          },
        ],
        definedBy: [],
      }),
      '/runbooks/alerts/HighCPU',
    );

    const table = await screen.findByRole('table', {
      name: 'Runbooks that answer HighCPU',
    });
    expect(
      screen.getByText(/2 runbooks answer HighCPU\. Pick the one/),
    ).toBeInTheDocument();
    const [, first, second] = within(table).getAllByRole('row');
    expect(
      within(first).getByRole('link', { name: 'Payments API' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments');
    expect(
      within(first).getByRole('link', { name: 'High CPU' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments/runbooks/high-cpu',
    );
    expect(first).toHaveTextContent('Stale');
    expect(first).toHaveTextContent('payments');
    expect(
      within(second).getByRole('link', { name: 'CPU saturation' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/runbooks/cpu',
    );
    expect(second).toHaveTextContent('Fresh');
    expect(screen.queryByTestId('runbook-page')).not.toBeInTheDocument();
  });

  it('says no runbook answers the alert, who defines it, and how to add one', async () => {
    await renderAlertPage(
      answering({
        alert: 'KubeQuotaExceeded',
        matches: [],
        definedBy: [
          {
            entityRef: 'component:default/platform',
            entityTitle: 'Platform',
            owner: 'group:default/sre',
            severity: 'warning',
            file: 'rules/kube.yaml',
          },
        ],
      }),
      '/runbooks/alerts/KubeQuotaExceeded',
    );

    expect(
      await screen.findByText('No runbook answers KubeQuotaExceeded'),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'Services that define the alert',
    });
    const [, row] = within(table).getAllByRole('row');
    expect(row).toHaveTextContent('Platform');
    expect(row).toHaveTextContent('sre');
    expect(row).toHaveTextContent('warning');
    expect(row).toHaveTextContent('rules/kube.yaml');
    expect(
      screen.getByText('How to give KubeQuotaExceeded a runbook'),
    ).toBeInTheDocument();
    expect(screen.getByText('alerts: [KubeQuotaExceeded]')).toBeInTheDocument();
    expect(screen.getByText('runbooks/alerts')).toBeInTheDocument();
  });

  it('says the portal knows no such alert on 404', async () => {
    await renderAlertPage(
      mockRunbooksApi({
        lookupAlert: async () => {
          throw Object.assign(new Error('Request failed with 404 Not Found'), {
            statusCode: 404,
            body: { error: { name: 'NotFoundError', message: 'No alert' } },
          });
        },
      }),
      '/runbooks/alerts/Nope',
    );

    expect(
      await screen.findByText('The portal knows no alert named “Nope”'),
    ).toBeInTheDocument();
  });

  it('shows other errors as errors', async () => {
    await renderAlertPage(
      mockRunbooksApi({
        lookupAlert: async () => {
          throw new Error('runbooks backend unavailable');
        },
      }),
      '/runbooks/alerts/HighCPU',
    );

    expect(
      await screen.findAllByText(/runbooks backend unavailable/),
    ).not.toHaveLength(0);
  });

  it('never follows a match that leaves the portal', async () => {
    await renderAlertPage(
      answering({
        alert: 'HighCPU',
        matches: [
          {
            entityRef: 'component:default/payments',
            runbook: highCpu,
            url: '//evil.example/runbooks',
          },
        ],
        definedBy: [],
      }),
      '/runbooks/alerts/HighCPU',
    );

    expect(
      await screen.findByText(/One runbook answers HighCPU\./),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'High CPU' })).toBeNull();
    expect(screen.queryByTestId('runbook-page')).not.toBeInTheDocument();
  });
});
