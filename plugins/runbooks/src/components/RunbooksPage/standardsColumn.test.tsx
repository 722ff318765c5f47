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

const standards = (failing: string[], passing: string[]) => ({
  source: 'default' as const,
  passed: passing.length,
  total: passing.length + failing.length,
  checks: [
    ...failing.map(id => ({ id, label: id, passed: false, reason: 'no' })),
    ...passing.map(id => ({ id, label: id, passed: true, reason: 'yes' })),
  ],
});

const report: RunbooksReport = {
  totals: {
    entities: 1,
    withRunbooks: 1,
    runbooks: 3,
    fresh: 2,
    dueSoon: 0,
    stale: 1,
    neverReviewed: 0,
    missing: 0,
    alerts: 0,
    alertsWithoutRunbook: 0,
  },
  entities: [
    {
      entityRef: 'component:default/payments',
      entityTitle: 'Payments API',
      owner: 'group:default/payments',
      hasRunbooks: true,
      runbooks: [
        makeRunbook({
          id: 'good',
          title: 'Good',
          status: 'fresh',
          standards: standards([], ['section:Overview', 'steps']),
        }),
        makeRunbook({
          id: 'sectionless',
          title: 'Sectionless',
          status: 'fresh',
          standards: standards(['section:Overview', 'steps'], ['review']),
        }),
        makeRunbook({
          id: 'unreviewed',
          title: 'Unreviewed',
          status: 'stale',
          standards: standards(['review'], ['section:Overview', 'steps']),
        }),
      ],
      alerts: 0,
      alertsWithoutRunbook: [],
      standards: { passed: 6, total: 9 },
    },
  ],
};

async function renderPage(path = '/runbooks') {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          runbooksApiRef,
          mockRunbooksApi({
            getReportPage: async query => pageOf(report, query),
          }),
        ],
      ]}
    >
      <Routes>
        <Route path="/runbooks/*" element={<RunbooksPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const titles = () =>
  screen
    .getAllByRole('row')
    .map(r => r.textContent?.match(/Good|Sectionless|Unreviewed/)?.[0])
    .filter(Boolean);

describe('RunbooksPage standards', () => {
  it("shows each runbook's score in a Standards column", async () => {
    await renderPage();
    await screen.findByText('Runbooks (3)');
    // Without the standards filter, worst status first.
    expect(titles()[0]).toBe('Unreviewed');
    const row = screen
      .getByRole('link', { name: 'Sectionless' })
      .closest('tr')!;
    expect(within(row).getByText('Standards 1/3')).toBeInTheDocument();
  });

  it('filters to runbooks missing a section, and lists failing ones worst first', async () => {
    await renderPage();
    await screen.findByText('Runbooks (3)');
    await userEvent.click(screen.getByRole('button', { name: /^Standards ./ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Missing a required section' }),
    );
    expect(await screen.findByText('Runbooks (1)')).toBeInTheDocument();
    expect(titles()).toEqual(['Sectionless']);

    await userEvent.click(screen.getByRole('button', { name: /^Standards ./ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Failing a check' }),
    );
    expect(await screen.findByText('Runbooks (2)')).toBeInTheDocument();
    // Worst score first, though Unreviewed has the worse status.
    expect(titles()).toEqual(['Sectionless', 'Unreviewed']);
  });

  it('opens with the standards filter named in the URL', async () => {
    await renderPage('/runbooks?standards=meets');
    expect(await screen.findByText('Runbooks (1)')).toBeInTheDocument();
    expect(titles()).toEqual(['Good']);
  });
});
