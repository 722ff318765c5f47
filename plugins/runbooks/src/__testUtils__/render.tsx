import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
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
    getOnCall: jest.fn(
      impl.getOnCall ?? (() => Promise.reject(new Error('unused'))),
    ),
    recordReview: jest.fn(
      impl.recordReview ?? (() => Promise.reject(new Error('unused'))),
    ),
    getReviews: jest.fn(impl.getReviews ?? (() => Promise.resolve([]))),
    lookupAlert: jest.fn(
      impl.lookupAlert ?? (() => Promise.reject(new Error('unused'))),
    ),
    getReport: jest.fn(
      impl.getReport ?? (() => Promise.reject(new Error('unused'))),
    ),
    getEntityFiring: jest.fn(
      impl.getEntityFiring ??
        (() =>
          Promise.resolve({
            configured: false,
            alertmanagers: [],
            problems: [],
            entityRef: '',
            alerts: [],
          })),
    ),
    getFiring: jest.fn(
      impl.getFiring ??
        (() =>
          Promise.resolve({
            configured: false,
            alertmanagers: [],
            problems: [],
            entities: [],
            unattributed: [],
          })),
    ),
    getReportPage: jest.fn(
      impl.getReportPage ?? (() => Promise.reject(new Error('unused'))),
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
    /** Decides permission checks; allows everything by default. */
    permissionApi?: PermissionApi;
  },
) {
  const {
    api,
    entity = defaultEntity,
    path = '/catalog/default/component/payments',
    mountPath = '/*',
    permissionApi = mockApis.permission(),
  } = options;
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [runbooksApiRef, api],
        [permissionApiRef, permissionApi],
      ]}
    >
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
