import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  entityRunbooks,
  entityWithoutAnnotation,
  highCpuDetail,
  makeRunbook,
} from '../../__testUtils__/fixtures';
import {
  mockRunbooksApi,
  renderOnEntityPage,
} from '../../__testUtils__/render';
import { EntityRunbooksContent } from './EntityRunbooksContent';

const tab = '/catalog/default/component/payments/runbooks';

function renderTab(
  api: ReturnType<typeof mockRunbooksApi>,
  path: string = tab,
  entity?: Parameters<typeof renderOnEntityPage>[1]['entity'],
) {
  return renderOnEntityPage(<EntityRunbooksContent />, {
    api,
    path,
    entity,
    mountPath: '/runbooks/*',
  });
}

function apiWithData(data = entityRunbooks) {
  return mockRunbooksApi({
    getEntityRunbooks: async () => data,
    getRunbook: async (_, id) =>
      id === 'high-cpu'
        ? highCpuDetail
        : {
            ...data.runbooks.find(r => r.id === id)!,
            markdown: `# ${id}\n\nBody of ${id}.`,
            headings: [],
          },
  });
}

describe('EntityRunbooksContent', () => {
  it('lists runbooks by category, in order of first appearance, with their review status', async () => {
    await renderTab(apiWithData());

    const nav = await screen.findByRole('navigation', { name: 'Runbooks' });
    const groups = within(nav).getAllByRole('list');
    expect(groups.map(g => g.getAttribute('aria-label'))).toEqual([
      'Infrastructure',
      'Payments',
      'Other',
    ]);
    const infrastructure = within(nav).getByRole('list', {
      name: 'Infrastructure',
    });
    expect(
      within(infrastructure).getByRole('link', { name: /High CPU/ }),
    ).toHaveTextContent('Stale');
    expect(
      within(infrastructure).getByRole('link', { name: /Disk full/ }),
    ).toHaveTextContent('Due soon');
    const payments = within(nav).getByRole('list', { name: 'Payments' });
    expect(
      within(payments).getByRole('link', { name: /Refunds stuck/ }),
    ).toHaveTextContent('Never reviewed');
    expect(
      within(payments).getByRole('link', { name: /Ghost runbook/ }),
    ).toHaveTextContent('Missing');
    expect(
      within(nav).getByRole('link', { name: /Database failover/ }),
    ).toHaveTextContent('Fresh');
  });

  it('links each runbook to its own URL under the Runbooks tab', async () => {
    await renderTab(apiWithData());

    expect(
      await screen.findByRole('link', { name: /Disk full/ }),
    ).toHaveAttribute('href', `${tab}/disk-full`);
  });

  it('opens the first runbook on the tab and renders its markdown', async () => {
    const api = apiWithData();
    await renderTab(api);

    expect(
      await screen.findByRole('cell', { name: 'Scale out' }),
    ).toBeVisible();
    expect(api.getRunbook).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'payments' },
      'high-cpu',
    );
    expect(screen.getByRole('link', { name: /High CPU/ })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('opens the runbook named in the URL, and another one when it is picked', async () => {
    const api = apiWithData();
    await renderTab(api, `${tab}/refunds`);

    expect(await screen.findByText('Body of refunds.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Refunds stuck/ })).toHaveAttribute(
      'aria-current',
      'page',
    );

    await userEvent.click(screen.getByRole('link', { name: /Disk full/ }));

    expect(await screen.findByText('Body of disk-full.')).toBeInTheDocument();
    expect(screen.queryByText('Body of refunds.')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Disk full/ })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('warns about a missing runbook instead of fetching it', async () => {
    const api = apiWithData();
    await renderTab(api, `${tab}/ghost`);

    expect(
      await screen.findByText(
        /Listed in the runbook index but the file does not exist/,
      ),
    ).toHaveTextContent('ghost.md');
    expect(api.getRunbook).not.toHaveBeenCalled();
  });

  it('says so when the runbook in the URL does not exist', async () => {
    await renderTab(apiWithData(), `${tab}/renamed`);

    expect(
      await screen.findByText(/There is no runbook "renamed"/),
    ).toBeInTheDocument();
  });

  it('shows the problems with the entity and when the runbooks were read', async () => {
    await renderTab(
      apiWithData({
        ...entityRunbooks,
        // Dated at render time: the shared fixture's age grows with the run.
        refreshedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
        problems: [
          { level: 'warning', message: 'runbooks/alerts: no runbook nope.md' },
          { level: 'error', message: 'runbooks/location: folder not found' },
        ],
      }),
    );

    const alerts = await screen.findAllByRole('alert');
    expect(alerts[0]).toHaveTextContent('runbooks/location: folder not found');
    expect(alerts[1]).toHaveTextContent('runbooks/alerts: no runbook nope.md');
    expect(
      screen.getByText('Last refreshed 5 minutes ago'),
    ).toBeInTheDocument();
  });

  it('has an empty state, with the problems, when there are no runbooks', async () => {
    await renderTab(
      apiWithData({
        ...entityRunbooks,
        runbooks: [],
        problems: [
          { level: 'error', message: 'No markdown files in ./runbooks' },
        ],
      }),
    );

    expect(
      await screen.findByText('This service has no runbooks yet'),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'No markdown files in ./runbooks',
    );
  });

  it('shows the missing annotation empty state without asking the backend', async () => {
    const api = apiWithData();
    await renderTab(api, tab, entityWithoutAnnotation);

    expect(screen.getByText('Missing Annotation')).toBeInTheDocument();
    expect(screen.getAllByText('runbooks/location').length).toBeGreaterThan(0);
    expect(api.getEntityRunbooks).not.toHaveBeenCalled();
  });

  it('shows the error panel when the backend fails', async () => {
    await renderTab(
      mockRunbooksApi({
        getEntityRunbooks: async () => {
          throw new Error('runbooks backend unavailable');
        },
      }),
    );

    expect(
      await screen.findAllByText(/runbooks backend unavailable/),
    ).not.toHaveLength(0);
  });

  it('scrolls to the heading named in the URL hash', async () => {
    const scrolled: Element[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function scrollIntoView(this: Element) {
      scrolled.push(this);
    };
    try {
      await renderTab(apiWithData(), `${tab}/high-cpu#what-to-do-1`);
      await screen.findByRole('cell', { name: 'Scale out' });
      await waitFor(() =>
        expect(scrolled.map(e => e.id)).toContain('runbook-what-to-do-1'),
      );

      await userEvent.click(screen.getByRole('link', { name: 'the steps' }));
      expect(scrolled.map(e => e.id)).toContain('runbook-what-to-do');
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });

  it('keeps links between runbooks inside the portal', async () => {
    const data = {
      ...entityRunbooks,
      runbooks: [
        makeRunbook({ id: 'a', title: 'Runbook A', path: 'a.md' }),
        makeRunbook({ id: 'b', title: 'Runbook B', path: 'b.md' }),
      ],
    };
    await renderTab(
      mockRunbooksApi({
        getEntityRunbooks: async () => data,
        getRunbook: async () => ({
          ...data.runbooks[0],
          markdown: 'See [the other one](./b.md#steps).',
          headings: [],
        }),
      }),
    );

    expect(
      await screen.findByRole('link', { name: 'the other one' }),
    ).toHaveAttribute('href', `${tab}/b#steps`);
  });
});
