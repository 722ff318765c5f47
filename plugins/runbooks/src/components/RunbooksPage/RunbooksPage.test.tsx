import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { RunbooksReport, runbooksApiRef } from '../../api';
import { makeRunbook } from '../../__testUtils__/fixtures';
import { mockRunbooksApi } from '../../__testUtils__/render';
import { pageOf } from '../../__testUtils__/reportPage';

// Material tables and selects render slowly on a loaded machine.
jest.setTimeout(120_000);
import { RunbooksPage } from './RunbooksPage';

const report: RunbooksReport = {
  totals: {
    entities: 3,
    withRunbooks: 2,
    runbooks: 3,
    fresh: 1,
    dueSoon: 0,
    stale: 1,
    neverReviewed: 1,
    missing: 1,
    alerts: 7,
    alertsWithoutRunbook: 2,
  },
  entities: [
    {
      entityRef: 'component:default/payments',
      entityTitle: 'Payments API',
      owner: 'group:default/payments',
      hasRunbooks: true,
      runbooks: [
        makeRunbook({
          id: 'high-cpu',
          title: 'High CPU',
          status: 'stale',
          lastReviewed: '2024-01-02',
          nextReview: '2024-04-01',
        }),
        makeRunbook({
          id: 'refunds',
          title: 'Refunds stuck',
          status: 'never-reviewed',
        }),
        makeRunbook({
          id: 'ghost',
          title: 'Ghost runbook',
          status: 'never-reviewed',
          missing: true,
        }),
      ],
      alerts: 0,
      alertsWithoutRunbook: ['PaymentsLatencyHigh'],
    },
    {
      entityRef: 'component:default/checkout',
      entityTitle: 'Checkout',
      owner: 'group:default/checkout',
      hasRunbooks: true,
      runbooks: [
        makeRunbook({
          id: 'cpu',
          title: 'CPU saturation',
          status: 'fresh',
          viewUrl: '/catalog/default/component/checkout/runbooks/cpu',
          lastReviewed: new Date().toISOString(),
        }),
      ],
      alerts: 0,
      alertsWithoutRunbook: [],
    },
    {
      entityRef: 'component:default/legacy-billing',
      entityTitle: 'Legacy billing',
      owner: 'group:default/payments',
      hasRunbooks: false,
      runbooks: [],
      alerts: 0,
      alertsWithoutRunbook: ['Billing/Down'],
    },
  ],
};

async function renderPage(path = '/runbooks', whole = report) {
  const api = mockRunbooksApi({
    getReportPage: async query => pageOf(whole, query),
  });
  await renderInTestApp(
    <TestApiProvider apis={[[runbooksApiRef, api]]}>
      <Routes>
        <Route path="/runbooks/*" element={<RunbooksPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return api;
}

function rowOf(linkName: string) {
  return screen.getByRole('link', { name: linkName }).closest('tr')!;
}

async function choose(filter: RegExp, option: string) {
  await userEvent.click(screen.getByRole('button', { name: filter }));
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

describe('RunbooksPage coverage', () => {
  it('shows the totals', async () => {
    await renderPage();

    const totals = await screen.findByRole('region', { name: 'Totals' });
    const tile = (name: string) => within(totals).getByRole('group', { name });
    expect(tile('Services with runbooks')).toHaveTextContent('2 of 3');
    expect(tile('Runbooks')).toHaveTextContent('3');
    expect(tile('Stale')).toHaveTextContent('1');
    expect(tile('Never reviewed')).toHaveTextContent('1');
    expect(tile('Missing')).toHaveTextContent('1');
    expect(tile('Alerts without a runbook')).toHaveTextContent('2 of 7');
  });

  it('lists a stale runbook with its service, owner, link and dates', async () => {
    await renderPage();

    await screen.findByText('Runbooks (4)');
    const row = rowOf('High CPU');
    expect(within(row).getByRole('link', { name: 'High CPU' })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments/runbooks/high-cpu',
    );
    expect(
      within(row).getByRole('link', { name: 'Payments API' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments');
    expect(within(row).getByRole('link', { name: /payments/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/payments',
    );
    expect(row).toHaveTextContent('Stale');
    expect(row).toHaveTextContent('2 Jan 2024');
    expect(row).toHaveTextContent('1 Apr 2024');
    // Worst first.
    const titles = screen
      .getAllByRole('row')
      .map(r => r.textContent ?? '')
      .filter(t =>
        /High CPU|Refunds stuck|Ghost runbook|CPU saturation/.test(t),
      )
      .map(
        t => t.match(/High CPU|Refunds stuck|Ghost runbook|CPU saturation/)![0],
      );
    expect(titles.slice(0, 4)).toEqual([
      'High CPU',
      'Refunds stuck',
      'Ghost runbook',
      'CPU saturation',
    ]);
  });

  it('filters the runbooks by status and by owner', async () => {
    await renderPage();
    await screen.findByText('Runbooks (4)');

    await choose(/^Status ./, 'Stale');
    expect(await screen.findByText('Runbooks (1)')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'High CPU' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'CPU saturation' })).toBeNull();

    await choose(/^Status ./, 'Fresh');
    expect(await screen.findByText('Runbooks (1)')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'CPU saturation' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'High CPU' })).toBeNull();

    await choose(/^Status ./, 'All statuses');
    await choose(/^Owner ./, 'checkout');
    expect(await screen.findByText('Runbooks (1)')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'CPU saturation' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Services without runbooks (0)'),
    ).toBeInTheDocument();
  });

  it('opens with the filter named in the URL', async () => {
    await renderPage('/runbooks?status=never-reviewed');

    expect(await screen.findByText('Runbooks (1)')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Refunds stuck' }),
    ).toBeInTheDocument();
  });

  it('lists services without runbooks and alerts without a runbook per service', async () => {
    await renderPage();

    expect(
      await screen.findByText('Services without runbooks (1)'),
    ).toBeInTheDocument();
    const legacy = screen
      .getAllByRole('link', { name: 'Legacy billing' })
      .map(link => link.closest('tr')!);
    expect(legacy[0]).toHaveTextContent('No runbooks/location annotation');

    expect(
      screen.getByText('Alerts without a runbook (2)'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'PaymentsLatencyHigh' }),
    ).toHaveAttribute('href', '/runbooks/alerts/PaymentsLatencyHigh');
    expect(
      screen.getAllByRole('link', { name: 'Billing/Down' })[0],
    ).toHaveAttribute('href', '/runbooks/alerts/Billing%2FDown');
  });

  it('asks the server for one page of services and moves to the next', async () => {
    const many: RunbooksReport = {
      ...report,
      entities: Array.from({ length: 30 }, (_, i) => ({
        entityRef: `component:default/svc-${String(i).padStart(2, '0')}`,
        entityTitle: `Service ${i}`,
        owner: 'group:default/payments',
        hasRunbooks: true,
        runbooks: [makeRunbook({ id: `r${i}`, title: `Runbook ${i}` })],
        alerts: 0,
        alertsWithoutRunbook: [],
      })),
    };
    const api = await renderPage('/runbooks', many);

    expect(await screen.findByText('Services 1–25 of 30')).toBeInTheDocument();
    expect(api.getReportPage).toHaveBeenCalledWith(
      expect.objectContaining({ offset: 0, limit: 25, sort: 'stale' }),
    );
    expect(screen.queryByRole('link', { name: 'Service 29' })).toBeNull();
    const callsBefore = (api.getReportPage as jest.Mock).mock.calls.length;

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Services 26–30 of 30')).toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: 'Service 29' })[0],
    ).toBeInTheDocument();
    expect(api.getReportPage).toHaveBeenCalledWith(
      expect.objectContaining({ offset: 25, limit: 25 }),
    );
    // The side tables do not depend on the page: one request per click.
    expect((api.getReportPage as jest.Mock).mock.calls.length).toBe(
      callsBefore + 1,
    );
    expect(api.getReport).not.toHaveBeenCalled();
  });

  it('sends the service search to the server', async () => {
    const api = await renderPage();
    await screen.findByText('Runbooks (4)');
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Service' }),
      'checkout',
    );
    expect(await screen.findByText('Runbooks (1)')).toBeInTheDocument();
    expect(api.getReportPage).toHaveBeenLastCalledWith(
      expect.objectContaining({ q: 'checkout' }),
    );
  });

  it('shows the server error when the report cannot be read', async () => {
    const api = mockRunbooksApi({
      getReportPage: async () => {
        throw new Error('The report is unavailable');
      },
    });
    await renderInTestApp(
      <TestApiProvider apis={[[runbooksApiRef, api]]}>
        <Routes>
          <Route path="/runbooks/*" element={<RunbooksPage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/runbooks'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      (await screen.findAllByText(/The report is unavailable/))[0],
    ).toBeInTheDocument();
  });
});
