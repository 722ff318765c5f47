import { screen, within } from '@testing-library/react';
import { entityRunbooks, highCpuDetail } from '../../__testUtils__/fixtures';
import {
  mockRunbooksApi,
  renderOnEntityPage,
} from '../../__testUtils__/render';
import { EntityRunbooksContent } from '../EntityRunbooksContent';

describe('Alerts without a runbook, in the Runbooks tab', () => {
  it('flags the alerts of the rule files that no runbook answers', async () => {
    await renderOnEntityPage(<EntityRunbooksContent />, {
      api: mockRunbooksApi({
        getEntityRunbooks: async () => ({
          ...entityRunbooks,
          alertsWithoutRunbook: [
            {
              alert: 'PaymentsLatencyHigh',
              severity: 'critical',
              file: 'alerts/payments.rules.yaml',
              summary: 'p99 latency above 2s',
            },
            {
              alert: 'QueueBacklog',
              file: 'alerts/queue.yaml',
              runbookUrl: 'https://wiki.example.com/queue',
            },
          ],
        }),
        getRunbook: async () => highCpuDetail,
      }),
      path: '/catalog/default/component/payments/runbooks',
      mountPath: '/runbooks/*',
    });

    const section = await screen.findByRole('region', {
      name: 'Alerts without a runbook (2)',
    });
    const rows = within(section).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      'No runbookPaymentsLatencyHighp99 latency above 2scriticalalerts/payments.rules.yaml—',
      'No runbookQueueBacklog—alerts/queue.yamlhttps://wiki.example.com/queue, which is not a runbook of this service',
    ]);
    expect(within(section).getAllByTitle('No runbook')).toHaveLength(2);
    // The runbooks are still there.
    expect(
      await screen.findByRole('cell', { name: 'Scale out' }),
    ).toBeInTheDocument();
  });

  it('is absent when every alert has a runbook', async () => {
    await renderOnEntityPage(<EntityRunbooksContent />, {
      api: mockRunbooksApi({
        getEntityRunbooks: async () => entityRunbooks,
        getRunbook: async () => highCpuDetail,
      }),
      path: '/catalog/default/component/payments/runbooks',
      mountPath: '/runbooks/*',
    });

    await screen.findByRole('cell', { name: 'Scale out' });
    expect(
      screen.queryByText(/Alerts without a runbook/),
    ).not.toBeInTheDocument();
  });

  it('offers "Write this runbook" on GitLab prefilled with the standard\'s sections', async () => {
    await renderOnEntityPage(<EntityRunbooksContent />, {
      api: mockRunbooksApi({
        getEntityRunbooks: async () => ({
          ...entityRunbooks,
          runbooks: [
            {
              ...entityRunbooks.runbooks[0],
              path: 'db/failover.md',
              sourceUrl:
                'https://gitlab.example.com/acme/shop/-/blob/main/runbooks/db/failover.md',
            },
          ],
          alertsWithoutRunbook: [{ alert: 'PaymentsLatencyHigh' }],
          standards: {
            standard: {
              source: 'index',
              sourcePath: 'README.md',
              sections: [
                { name: 'Alert Information', aliases: [] },
                { name: 'Resolution Steps', aliases: [] },
              ],
              requirements: ['steps'],
            },
            runbooks: { passed: 0, total: 0 },
            entity: { source: 'index', passed: 0, total: 0, checks: [] },
          },
        }),
        getRunbook: async () => highCpuDetail,
      }),
    });
    const link = await screen.findByTestId('write-runbook-link');
    const url = new URL(link.getAttribute('href')!);
    expect(url.origin + url.pathname).toBe(
      'https://gitlab.example.com/acme/shop/-/new/main/runbooks',
    );
    expect(url.searchParams.get('file_name')).toBe('payments-latency-high.md');
    expect(url.searchParams.get('content')).toBe(
      '# PaymentsLatencyHigh\n\nAlert: `PaymentsLatencyHigh`\n\n## Alert Information\n\nTODO\n\n## Resolution Steps\n\nTODO\n',
    );
  });
});
