import { mockServices } from '@backstage/backend-test-utils';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  LunrSearchEngine,
  TestPipeline,
} from '@backstage/plugin-search-backend-node';
import { Runbook } from '@runbooks-for-backstage/plugin-runbooks-common';
import { RunbooksCollatorFactory } from './RunbooksCollatorFactory';

function runbook(entity: string, id: string, extra: Partial<Runbook> = {}) {
  return {
    id,
    title: `Runbook ${id}`,
    path: `${id}.md`,
    viewUrl: `/catalog/default/component/${entity}/runbooks/${id}`,
    alerts: [],
    reviewInterval: '90d',
    status: 'fresh',
    missing: false,
    ...extra,
  } as Runbook;
}

function item(entity: string, id: string, text = '', extra = {}) {
  return {
    entityRef: `component:default/${entity}`,
    entityTitle: entity.toUpperCase(),
    owner: 'group:default/payments-team',
    runbook: runbook(entity, id, extra),
    text,
  };
}

const pages: Record<string, unknown> = {
  first: {
    items: [
      item('payments', 'kafka-lag', 'Consumer lag on the payments topic', {
        alerts: ['KafkaConsumerLag'],
        category: 'Messaging',
        status: 'stale',
      }),
      item('payments', 'rotate-certificate', 'Renew the TLS certificate'),
    ],
    nextCursor: 'cursor-1',
  },
  'cursor-1': {
    items: [
      item('billing', 'invoice-backlog', 'Invoices pile up in the queue'),
    ],
  },
};

function fakeRunbooksBackend(options: { status?: number } = {}) {
  return jest.fn(async (url: string, init?: RequestInit) => {
    const parsed = new URL(url);
    if (options.status) {
      return new Response(
        JSON.stringify({ error: { name: 'Error', message: 'broken' } }),
        { status: options.status, statusText: 'Broken' },
      );
    }
    const page = pages[parsed.searchParams.get('after') ?? 'first'];
    expect(parsed.pathname).toBe('/api/runbooks/documents');
    expect(parsed.searchParams.get('limit')).toBe('2');
    expect((init?.headers as Record<string, string>).Authorization).toMatch(
      /^Bearer .+/,
    );
    return new Response(JSON.stringify(page), {
      headers: { 'Content-Type': 'application/json' },
    });
  });
}

function createFactory(fetchImpl: jest.Mock) {
  return new RunbooksCollatorFactory({
    discovery: mockServices.discovery(),
    auth: mockServices.auth({ pluginId: 'search' }),
    logger: mockServices.logger.mock(),
    pageSize: 2,
    fetch: fetchImpl as unknown as typeof fetch,
  });
}

describe('RunbooksCollatorFactory', () => {
  it('is of type runbook and filtered by catalog entity read permission', () => {
    const factory = createFactory(fakeRunbooksBackend());
    expect(factory.type).toBe('runbook');
    expect(factory.visibilityPermission).toBe(catalogEntityReadPermission);
  });

  it('pages through the runbooks backend with a service token', async () => {
    const fetchImpl = fakeRunbooksBackend();
    const { documents } = await TestPipeline.fromCollator(
      await createFactory(fetchImpl).getCollator(),
    ).execute();

    expect(fetchImpl).toHaveBeenCalledTimes(2);
    expect(fetchImpl.mock.calls[1][0]).toContain('after=cursor-1');
    expect(documents.map(d => d.location)).toEqual([
      '/catalog/default/component/payments/runbooks/kafka-lag',
      '/catalog/default/component/payments/runbooks/rotate-certificate',
      '/catalog/default/component/billing/runbooks/invoice-backlog',
    ]);
    const token = (
      fetchImpl.mock.calls[0][1]!.headers as Record<string, string>
    ).Authorization.replace('Bearer ', '');
    // The mock auth service's token says who asked for whom.
    expect(token).toContain('"sub":"plugin:search"');
    expect(token).toContain('"target":"runbooks"');
  });

  it('gives every document the same fields, with the entity as resource', async () => {
    const { documents } = await TestPipeline.fromCollator(
      await createFactory(fakeRunbooksBackend()).getCollator(),
    ).execute();
    expect(documents[0]).toEqual({
      title: 'Runbook kafka-lag',
      text: 'Consumer lag on the payments topic',
      location: '/catalog/default/component/payments/runbooks/kafka-lag',
      entityRef: 'component:default/payments',
      entityTitle: 'PAYMENTS',
      owner: 'group:default/payments-team',
      alerts: ['KafkaConsumerLag'],
      status: 'stale',
      category: 'Messaging',
      runbookId: 'kafka-lag',
      authorization: { resourceRef: 'component:default/payments' },
    });
    expect(Object.keys(documents[1]).sort()).toEqual(
      Object.keys(documents[0]).sort(),
    );
    expect(documents[1]).toMatchObject({ category: '', alerts: [] });
  });

  it('fails the collation when the runbooks backend answers an error', async () => {
    const collator = await createFactory(
      fakeRunbooksBackend({ status: 500 }),
    ).getCollator();
    const result = await TestPipeline.fromCollator(collator).execute();
    expect(result.documents).toEqual([]);
    expect(String(result.error)).toMatch(/500/);
  });

  it('indexes into the Lunr engine so a phrase of a runbook body finds it', async () => {
    const engine = new LunrSearchEngine({
      logger: mockServices.logger.mock(),
    });
    const indexer = await engine.getIndexer('runbook');
    await TestPipeline.fromCollator(
      await createFactory(fakeRunbooksBackend()).getCollator(),
    )
      .withIndexer(indexer)
      .execute();

    const { results } = await engine.query({
      term: 'renew TLS certificate',
      types: ['runbook'],
    });
    expect(results[0]).toMatchObject({
      type: 'runbook',
      document: {
        title: 'Runbook rotate-certificate',
        location:
          '/catalog/default/component/payments/runbooks/rotate-certificate',
        entityRef: 'component:default/payments',
      },
    });

    const byAlert = await engine.query({
      term: 'KafkaConsumerLag',
      types: ['runbook'],
    });
    expect(byAlert.results.map(r => r.document.location)).toEqual([
      '/catalog/default/component/payments/runbooks/kafka-lag',
    ]);
  });
});
