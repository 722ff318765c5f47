import { pageOf } from './__testUtils__/reportPage';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import { screen, within } from '@testing-library/react';
import runbooksAlphaPlugin, {
  onCallEntityCard,
  runbookSearchResultListItem,
  runbooksApi,
  runbooksEntityCard,
  runbooksEntityContent,
} from './alpha';
import { runbooksApiRef } from './api';
import {
  entity,
  entityRunbooks,
  entityWithoutAnnotation,
  highCpuDetail,
} from './__testUtils__/fixtures';
import { mockRunbooksApi } from './__testUtils__/render';

describe('the runbooks plugin in the new frontend system', () => {
  it('renders the Runbooks tab content for an entity with the annotation', async () => {
    const api = mockRunbooksApi({
      getEntityRunbooks: async () => entityRunbooks,
      getRunbook: async () => highCpuDetail,
    });
    const tester = createExtensionTester(runbooksEntityContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Runbooks');

    await renderInTestApp(
      <EntityProvider entity={entity}>{tester.reactElement()}</EntityProvider>,
      {
        apis: [
          [runbooksApiRef, api],
          [permissionApiRef, mockApis.permission()],
        ],
        mountPath: '/catalog/:namespace/:kind/:name/runbooks/*',
        initialRouteEntries: ['/catalog/default/component/payments/runbooks'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    const nav = await screen.findByRole('navigation', { name: 'Runbooks' });
    expect(
      within(nav).getByRole('link', { name: /High CPU/ }),
    ).toBeInTheDocument();
    expect(api.getEntityRunbooks).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'Component', name: 'payments' }),
    );
  });

  it("reads the tab through the plugin's own API from the runbooks backend", async () => {
    const fetchImpl = jest.fn(async (url: string) => {
      expect(url).toBe(
        'http://backstage.test/api/runbooks/entities/default/component/payments',
      );
      return new Response(JSON.stringify(entityRunbooks), {
        headers: { 'Content-Type': 'application/json' },
      });
    });
    const tester = createExtensionTester(runbooksEntityContent);
    await renderInTestApp(
      <EntityProvider entity={entity}>{tester.reactElement()}</EntityProvider>,
      {
        features: [runbooksAlphaPlugin],
        apis: [
          mockApis.discovery({ baseUrl: 'http://backstage.test' }),
          mockApis.fetch({ baseImplementation: fetchImpl as any }),
          [permissionApiRef, mockApis.permission()],
        ],
        mountPath: '/catalog/:namespace/:kind/:name/runbooks/*',
        initialRouteEntries: ['/catalog/default/component/payments/runbooks'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    const nav = await screen.findByRole('navigation', { name: 'Runbooks' });
    expect(within(nav).getByRole('link', { name: /High CPU/ })).toBeVisible();
    expect(fetchImpl).toHaveBeenCalled();
  });

  it('serves the Runbooks page at /runbooks in an app with the plugin', async () => {
    const report = {
      totals: {
        entities: 1,
        withRunbooks: 1,
        runbooks: 1,
        fresh: 0,
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
          runbooks: entityRunbooks.runbooks.slice(0, 1),
          alerts: 0,
          alertsWithoutRunbook: [],
        },
      ],
    };
    const api = mockRunbooksApi({
      getReportPage: async query => pageOf(report, query),
    });
    renderTestApp({
      features: [runbooksAlphaPlugin],
      apis: [[runbooksApiRef, api]],
      initialRouteEntries: ['/runbooks'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByText(
        'Runbook coverage and review status across the catalog',
      ),
    ).toBeInTheDocument();
    expect(api.getReportPage).toHaveBeenCalled();
  });

  it('shows the tab and the runbooks card only on entities with runbooks/location', () => {
    const content = createExtensionTester(runbooksEntityContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;
    const card = createExtensionTester(runbooksEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    for (const filter of [content, card]) {
      expect(filter(entity)).toBe(true);
      expect(filter(entityWithoutAnnotation)).toBe(false);
    }
    const onCall = createExtensionTester(onCallEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(
      onCall({
        ...entity,
        metadata: {
          ...entity.metadata,
          annotations: { 'runbooks/escalation': 'group:payments-oncall' },
        },
      }),
    ).toBe(true);
    expect(onCall(entityWithoutAnnotation)).toBe(false);
  });

  it('provides the runbooks API and a search result item for runbooks only', () => {
    const factory = createExtensionTester(runbooksApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(runbooksApiRef.id);

    const item = createExtensionTester(runbookSearchResultListItem).get(
      SearchResultListItemBlueprint.dataRefs.item,
    );
    expect(item.predicate!({ type: 'runbook', document: {} as any })).toBe(
      true,
    );
    expect(
      item.predicate!({ type: 'software-catalog', document: {} as any }),
    ).toBe(false);
  });

  it('is the runbooks plugin with all its extensions', () => {
    expect(runbooksAlphaPlugin.id).toBe('runbooks');
    for (const id of [
      'api:runbooks',
      'entity-content:runbooks',
      'entity-card:runbooks/runbooks',
      'entity-card:runbooks/on-call',
      'page:runbooks',
      'search-result-list-item:runbooks',
      'search-filter-result-type:runbooks/runbook',
    ]) {
      expect(runbooksAlphaPlugin.getExtension(id as any)).toBeDefined();
    }
  });
});
