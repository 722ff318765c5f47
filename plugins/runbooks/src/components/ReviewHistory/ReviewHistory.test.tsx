import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { runbooksApiRef } from '../../api';
import { mockRunbooksApi } from '../../__testUtils__/render';
import { ReviewHistory } from './ReviewHistory';

const entityRef = { kind: 'Component', namespace: 'default', name: 'payments' };
const daysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString();

async function renderHistory(api: ReturnType<typeof mockRunbooksApi>) {
  await renderInTestApp(
    <TestApiProvider apis={[[runbooksApiRef, api]]}>
      <ReviewHistory entityRef={entityRef} runbookId="high-cpu" />
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('ReviewHistory', () => {
  it('lists reviews newest first, with reviewer, relative and absolute date, and note', async () => {
    const api = mockRunbooksApi({
      getReviews: async () => [
        { reviewer: 'user:default/raj.patel', reviewedAt: daysAgo(40) },
        {
          reviewer: 'user:default/jane.doe',
          reviewedAt: '2026-03-03T10:00:00Z',
          note: 'Fixed the scale-out command',
        },
        { reviewer: 'user:default/ann', reviewedAt: daysAgo(3), note: 'OK' },
      ],
    });
    await renderHistory(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Review history (3)' }),
    );

    const items = within(
      screen.getByRole('list', { name: 'Review history' }),
    ).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      expect.stringMatching(/^ann reviewed it 3 days ago \(.*\)OK$/),
      expect.stringMatching(/^raj\.patel reviewed it .+ \(.*\)$/),
      expect.stringMatching(
        /^jane\.doe reviewed it .* \(3 Mar 2026\)Fixed the scale-out command$/,
      ),
    ]);
    expect(within(items[0]).getByRole('link', { name: /ann/ })).toHaveAttribute(
      'href',
      '/catalog/default/user/ann',
    );
    expect(api.getReviews).toHaveBeenCalledWith(entityRef, 'high-cpu');
  });

  it('shows nothing until there is a review', async () => {
    const api = mockRunbooksApi({ getReviews: async () => [] });
    await renderHistory(api);

    expect(api.getReviews).toHaveBeenCalled();
    expect(screen.queryByText(/Review history/)).not.toBeInTheDocument();
  });
});
