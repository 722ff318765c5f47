import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { SidebarSearchModal, searchPlugin } from '@backstage/plugin-search';
import { MockSearchApi, searchApiRef } from '@backstage/plugin-search-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { searchModalResultItems } from './searchModalResultItems';

describe('the sidebar search modal', () => {
  it('shows a runbook hit as a runbook, linking to the runbook', async () => {
    const document = {
      title: 'Kafka consumer lag',
      text: 'Scale the settlement consumers.',
      location: '/catalog/default/component/payments/runbooks/kafka-lag',
      entityRef: 'component:default/payments',
      entityTitle: 'Payments',
      alerts: ['KafkaConsumerLagHigh'],
      status: 'fresh',
    };
    const searchApi = new MockSearchApi({
      results: [{ type: 'runbook', document }],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[searchApiRef, searchApi]]}>
        <SidebarSearchModal resultItemComponents={searchModalResultItems} />
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/search': searchPlugin.routes.root,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );

    await userEvent.click(screen.getByRole('button', { name: /search/i }));
    await userEvent.type(screen.getByRole('textbox'), 'settlement');
    const link = await screen.findByRole(
      'link',
      { name: 'Kafka consumer lag' },
      { timeout: 5000 },
    );
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/payments/runbooks/kafka-lag',
    );
    expect(screen.getByText('Service: Payments')).toBeInTheDocument();
    expect(screen.getByText('Alert: KafkaConsumerLagHigh')).toBeInTheDocument();
  });
});
