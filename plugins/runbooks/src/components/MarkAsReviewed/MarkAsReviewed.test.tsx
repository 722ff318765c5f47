import { PermissionApi } from '@backstage/plugin-permission-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RunbookReviewRecord } from '../../api';
import {
  entityRunbooks,
  highCpuDetail,
  runbooks,
} from '../../__testUtils__/fixtures';
import {
  mockRunbooksApi,
  renderOnEntityPage,
} from '../../__testUtils__/render';
import { EntityRunbooksContent } from '../EntityRunbooksContent';

const tab = '/catalog/default/component/payments/runbooks';
const payments = { kind: 'Component', namespace: 'default', name: 'payments' };

const review: RunbookReviewRecord = {
  reviewer: 'user:default/jane.doe',
  reviewedAt: new Date(Date.now() - 60_000).toISOString(),
  note: 'Scaled out in staging, steps still right',
};

/** The backend: stale High CPU until someone marks it as reviewed. */
function backend(recordReview?: () => Promise<never>) {
  const reviews: RunbookReviewRecord[] = [];
  const api = mockRunbooksApi({
    getEntityRunbooks: async () => entityRunbooks,
    getRunbook: async (_, id) =>
      id === 'high-cpu'
        ? highCpuDetail
        : {
            ...runbooks.find(r => r.id === id)!,
            markdown: `Body of ${id}.`,
            headings: [],
          },
    getReviews: async () => [...reviews],
    recordReview:
      recordReview ??
      (async (_, id, note) => {
        reviews.unshift({ ...review, note });
        return {
          runbook: {
            ...runbooks.find(r => r.id === id)!,
            status: 'fresh',
            lastReviewed: review.reviewedAt,
            reviewedBy: review.reviewer,
            nextReview: new Date(Date.now() + 90 * 86_400_000).toISOString(),
          },
          review: { ...review, note },
        };
      }),
  });
  return api;
}

function permissionRecorder() {
  const requests: unknown[] = [];
  const permissionApi: PermissionApi = {
    authorize: async request => {
      requests.push(request);
      return { result: 'ALLOW' } as Awaited<
        ReturnType<PermissionApi['authorize']>
      >;
    },
  };
  return { permissionApi, requests };
}

describe('Mark as reviewed', () => {
  it('turns a stale runbook fresh and removes its banner, without reloading the page', async () => {
    const api = backend();
    const { permissionApi, requests } = permissionRecorder();
    await renderOnEntityPage(<EntityRunbooksContent />, {
      api,
      path: `${tab}/high-cpu`,
      mountPath: '/runbooks/*',
      permissionApi,
    });

    const nav = await screen.findByRole('navigation', { name: 'Runbooks' });
    expect(
      within(nav).getByRole('link', { name: /High CPU/ }),
    ).toHaveTextContent('Stale');
    expect(
      await screen.findByText(
        'Overdue since 1 Apr 2024: re-read it, fix what is wrong, then Mark as reviewed.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Review history/)).not.toBeInTheDocument();

    const button = await screen.findByRole('button', {
      name: 'Mark as reviewed',
    });
    await waitFor(() => expect(button).toBeEnabled());
    expect(requests).toEqual([
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'runbooks.review.create',
        }),
        resourceRef: 'component:default/payments',
      }),
    ]);

    await userEvent.click(button);
    const dialog = await screen.findByRole('dialog', {
      name: /Mark “High CPU” as reviewed/,
    });
    await userEvent.type(
      within(dialog).getByLabelText(/Note/),
      'Scaled out in staging, steps still right',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Mark as reviewed' }),
    );

    expect(await screen.findByRole('status')).toHaveTextContent(
      'Marked as reviewed',
    );
    expect(api.recordReview).toHaveBeenCalledWith(
      payments,
      'high-cpu',
      'Scaled out in staging, steps still right',
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.queryByText(/Overdue since/)).not.toBeInTheDocument();
    expect(
      within(nav).getByRole('link', { name: /High CPU/ }),
    ).toHaveTextContent('Fresh');
    expect(
      screen.getByRole('heading', { name: 'High CPU', level: 2 }).parentElement,
    ).toHaveTextContent('Fresh');
    expect(
      screen.getByText(/Last reviewed .* by user:default\/jane\.doe/),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Review history (1)' }),
    ).toBeInTheDocument();
    // Nothing was read again: the backend's answer updated the page.
    expect(api.getEntityRunbooks).toHaveBeenCalledTimes(1);
    expect(api.getRunbook).toHaveBeenCalledTimes(1);
  });

  it("shows the backend's message when it refuses the review, and keeps the dialog open", async () => {
    const api = backend(async () => {
      throw Object.assign(new Error('Request failed with 403 Forbidden'), {
        statusCode: 403,
        body: {
          error: {
            name: 'NotAllowedError',
            message: 'Only members of group:default/payments may review',
          },
        },
      });
    });
    await renderOnEntityPage(<EntityRunbooksContent />, {
      api,
      path: `${tab}/high-cpu`,
      mountPath: '/runbooks/*',
    });

    const button = await screen.findByRole('button', {
      name: 'Mark as reviewed',
    });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Mark as reviewed' }),
    );

    expect(
      await within(dialog).findByText(
        'Only members of group:default/payments may review',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/Overdue since/)).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('can be cancelled without recording anything', async () => {
    const api = backend();
    await renderOnEntityPage(<EntityRunbooksContent />, {
      api,
      path: `${tab}/refunds`,
      mountPath: '/runbooks/*',
    });

    expect(
      await screen.findByText(
        'Never reviewed: re-read it, fix what is wrong, then Mark as reviewed.',
      ),
    ).toBeInTheDocument();
    const button = screen.getByRole('button', { name: 'Mark as reviewed' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Cancel',
      }),
    );

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(api.recordReview).not.toHaveBeenCalled();
  });

  it('is not offered for a missing runbook', async () => {
    await renderOnEntityPage(<EntityRunbooksContent />, {
      api: backend(),
      path: `${tab}/ghost`,
      mountPath: '/runbooks/*',
    });

    expect(
      await screen.findByText(/the file does not exist/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Mark as reviewed' }),
    ).not.toBeInTheDocument();
  });
});
