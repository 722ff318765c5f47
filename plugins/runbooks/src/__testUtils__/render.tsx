import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReactElement } from 'react';
import { Route, Routes } from 'react-router-dom';
import { RunbooksApi, runbooksApiRef } from '../api';
import { entity as defaultEntity } from './fixtures';

/** A RunbooksApi whose methods are jest mocks, with the given behaviour. */
export function mockRunbooksApi(impl: Partial<RunbooksApi> = {}) {
  return {
    getEntityRunbooks: jest.fn(
      impl.getEntityRunbooks ?? (() => Promise.reject(new Error('unused'))),
    ),
    getRunbook: jest.fn(
      impl.getRunbook ?? (() => Promise.reject(new Error('unused'))),
    ),
  };
}

/**
 * Renders an element the way an app's entity page does: inside the entity
 * route, with the entity in context and the given path open.
 */
export function renderOnEntityPage(
  element: ReactElement,
  options: {
    api: RunbooksApi;
    entity?: Entity;
    path?: string;
    /** The path the element is mounted at below the entity route. */
    mountPath?: string;
  },
) {
  const {
    api,
    entity = defaultEntity,
    path = '/catalog/default/component/payments',
    mountPath = '/*',
  } = options;
  return renderInTestApp(
    <TestApiProvider apis={[[runbooksApiRef, api]]}>
      <EntityProvider entity={entity}>
        <Routes>
          <Route
            path={`/catalog/:namespace/:kind/:name${mountPath}`}
            element={element}
          />
        </Routes>
      </EntityProvider>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}
