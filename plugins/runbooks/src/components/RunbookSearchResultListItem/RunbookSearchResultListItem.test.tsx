import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  MockSearchApi,
  SearchResult,
  searchApiRef,
} from '@backstage/plugin-search-react';
import { screen, within } from '@testing-library/react';
import { RunbookSearchResultListItem as Item } from './RunbookSearchResultListItem';
import { RunbookSearchResultListItem } from './extension';

const document = {
  title: 'Kafka consumer lag',
  text: 'Scale the settlement consumers before the partitions overflow.',
  location: '/catalog/default/component/payments/runbooks/kafka-lag',
  entityRef: 'component:default/payments',
  entityTitle: 'Payments',
  owner: 'group:default/payments-team',
  alerts: ['KafkaConsumerLagHigh', 'KafkaConsumerLagCritical'],
  status: 'stale' as const,
  category: 'Messaging',
  runbookId: 'kafka-lag',
};

describe('RunbookSearchResultListItem', () => {
  it('shows the title linking to the runbook, the service, status and alerts', async () => {
    await renderInTestApp(<Item result={document} />);
    expect(
      screen.getByRole('link', { name: 'Kafka consumer lag' }),
    ).toHaveAttribute('href', document.location);
    expect(screen.getByText('Service: Payments')).toBeInTheDocument();
    expect(screen.getByText('Stale')).toBeInTheDocument();
    expect(screen.getByText('Alert: KafkaConsumerLagHigh')).toBeInTheDocument();
    expect(
      screen.getByText('Alert: KafkaConsumerLagCritical'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Scale the settlement consumers/),
    ).toBeInTheDocument();
  });

  it('highlights the matching words of the title and text', async () => {
    await renderInTestApp(
      <Item
        result={document}
        highlight={{
          preTag: '<em>',
          postTag: '</em>',
          fields: {
            title: 'Kafka consumer lag',
            text: 'Scale the <em>settlement</em> consumers',
          },
        }}
      />,
    );
    const mark = screen.getByText('settlement');
    expect(mark.tagName).toBe('MARK');
  });

  it('summarises long alert lists and survives missing fields', async () => {
    await renderInTestApp(
      <Item
        result={{
          title: 'Old document',
          text: 'no entity fields',
          location: '/somewhere',
          alerts: ['A', 'B', 'C', 'D', 'E', 'F', 'G'],
        }}
      />,
    );
    expect(screen.getByText('+2 more alerts')).toBeInTheDocument();
    expect(screen.queryByText(/^Service:/)).not.toBeInTheDocument();
  });

  it('renders runbook results in SearchResult, leaving other types alone', async () => {
    const searchApi = new MockSearchApi({
      results: [
        { type: 'runbook', document },
        {
          type: 'software-catalog',
          document: { title: 'payments', text: 'a service', location: '/x' },
        },
      ],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[searchApiRef, searchApi]]}>
        <SearchResult query={{ term: 'settlement' }}>
          <RunbookSearchResultListItem />
        </SearchResult>
      </TestApiProvider>,
    );
    const link = await screen.findByRole('link', {
      name: 'Kafka consumer lag',
    });
    const item = link.closest('li')!;
    expect(within(item).getByText('Stale')).toBeInTheDocument();
    // The catalog result falls back to the default item.
    expect(screen.getByText('payments')).toBeInTheDocument();
    expect(screen.queryAllByText(/^Service:/)).toHaveLength(1);
  });
});
