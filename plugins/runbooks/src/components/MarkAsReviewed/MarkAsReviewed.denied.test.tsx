// Kept apart from the allowed cases: usePermission caches answers per
// permission and resource for the whole test file.
import { PermissionApi } from '@backstage/plugin-permission-react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  entity,
  entityRunbooks,
  highCpuDetail,
} from '../../__testUtils__/fixtures';
import {
  mockRunbooksApi,
  renderOnEntityPage,
} from '../../__testUtils__/render';
import { EntityRunbooksContent } from '../EntityRunbooksContent';

const denyAll: PermissionApi = {
  authorize: async () =>
    ({ result: 'DENY' } as Awaited<ReturnType<PermissionApi['authorize']>>),
};

describe('Mark as reviewed, for someone who may not review', () => {
  it('is disabled and says who may review', async () => {
    const api = mockRunbooksApi({
      getEntityRunbooks: async () => entityRunbooks,
      getRunbook: async () => highCpuDetail,
    });
    await renderOnEntityPage(<EntityRunbooksContent />, {
      api,
      path: '/catalog/default/component/payments/runbooks/high-cpu',
      mountPath: '/runbooks/*',
      entity: {
        ...entity,
        spec: { ...entity.spec, owner: 'group:default/payments-team' },
      },
      permissionApi: denyAll,
    });

    const button = await screen.findByRole('button', {
      name: 'Mark as reviewed',
    });
    const reason =
      'Only members of payments-team can mark runbooks as reviewed';
    expect(await screen.findByText(reason)).toBeInTheDocument();
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(reason);

    await userEvent.hover(button.parentElement!);
    await waitFor(() =>
      expect(screen.getByRole('tooltip')).toHaveTextContent(reason),
    );
    expect(api.recordReview).not.toHaveBeenCalled();
  });
});
