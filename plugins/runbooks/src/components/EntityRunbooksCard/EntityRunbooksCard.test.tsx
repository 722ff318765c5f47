import { screen, within } from '@testing-library/react';
import {
  entityRunbooks,
  entityWithoutAnnotation,
  makeRunbook,
} from '../../__testUtils__/fixtures';
import {
  mockRunbooksApi,
  renderOnEntityPage,
} from '../../__testUtils__/render';
import { EntityRunbooksCard } from './EntityRunbooksCard';

function counts() {
  const list = screen.getByLabelText('Runbooks by review status');
  return Object.fromEntries(
    within(list)
      .getAllByRole('term')
      .map(term => [term.textContent, term.nextElementSibling?.textContent]),
  );
}

describe('EntityRunbooksCard', () => {
  it('counts runbooks by review status and highlights the worst', async () => {
    await renderOnEntityPage(<EntityRunbooksCard />, {
      api: mockRunbooksApi({ getEntityRunbooks: async () => entityRunbooks }),
    });

    expect(await screen.findByText('5 runbooks')).toBeInTheDocument();
    expect(counts()).toEqual({
      Stale: '1',
      'Never reviewed': '1',
      'Due soon': '1',
      Fresh: '1',
      Missing: '1',
    });
    expect(
      screen.getByText('Worst status:').nextElementSibling,
    ).toHaveTextContent('Stale');
  });

  it('names the worst status among the runbooks that exist', async () => {
    await renderOnEntityPage(<EntityRunbooksCard />, {
      api: mockRunbooksApi({
        getEntityRunbooks: async () => ({
          ...entityRunbooks,
          runbooks: [
            makeRunbook({ id: 'a', status: 'fresh' }),
            makeRunbook({ id: 'b', status: 'due-soon' }),
            makeRunbook({ id: 'c', status: 'stale', missing: true }),
          ],
        }),
      }),
    });

    expect(await screen.findByText('3 runbooks')).toBeInTheDocument();
    expect(
      screen.getByText('Worst status:').nextElementSibling,
    ).toHaveTextContent('Due soon');
  });

  it('links to the Runbooks tab of the entity and counts problems', async () => {
    await renderOnEntityPage(<EntityRunbooksCard />, {
      api: mockRunbooksApi({
        getEntityRunbooks: async () => ({
          ...entityRunbooks,
          problems: [
            { level: 'error', message: 'a' },
            { level: 'warning', message: 'b' },
          ],
        }),
      }),
    });

    expect(
      await screen.findByRole('link', { name: '2 problems' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments/runbooks');
    expect(screen.getByRole('link', { name: /Open runbooks/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments/runbooks',
    );
  });

  it('shows the missing annotation empty state', async () => {
    const api = mockRunbooksApi();
    await renderOnEntityPage(<EntityRunbooksCard />, {
      api,
      entity: entityWithoutAnnotation,
    });

    expect(screen.getByText('Missing Annotation')).toBeInTheDocument();
    expect(api.getEntityRunbooks).not.toHaveBeenCalled();
  });

  it('shows the error panel when the backend fails', async () => {
    await renderOnEntityPage(<EntityRunbooksCard />, {
      api: mockRunbooksApi({
        getEntityRunbooks: async () => {
          throw new Error('runbooks backend unavailable');
        },
      }),
    });

    expect(
      await screen.findAllByText(/runbooks backend unavailable/),
    ).not.toHaveLength(0);
  });
});
