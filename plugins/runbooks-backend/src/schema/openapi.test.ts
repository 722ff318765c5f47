import { Response } from '@backstage/backend-openapi-utils';
import { mockServices } from '@backstage/backend-test-utils';
import {
  AlertLookup,
  EntityOnCall,
  EntityRunbooks,
  RecordReviewResult,
  RunbookDetail,
  RunbookDocument,
  RunbookReview,
  RunbooksReport,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import { createOnCallRouter } from '../onCall/router';
import { createRouter } from '../router';
import { RunbooksService } from '../service/RunbooksService';
import { spec } from './openapi.generated';

type Spec = typeof spec;

/** An answer of the spec without its error body: what a route answers when it succeeds. */
type Ok<T> = Exclude<T, { error: unknown }>;

/** True when each type is assignable to the other, else a compile error below. */
type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// The answer types the clients use (frontend, search collator, Tech Insights)
// come from runbooks-common; these lines stop compiling when they and the
// spec describe different answers.
const agreements: Array<true> = [
  true as Agree<
    Ok<Response<Spec, '/entities/:namespace/:kind/:name', 'get'>>,
    EntityRunbooks
  >,
  true as Agree<
    Ok<Response<Spec, '/entities/:namespace/:kind/:name/runbooks/:id', 'get'>>,
    RunbookDetail
  >,
  true as Agree<
    Ok<
      Response<
        Spec,
        '/entities/:namespace/:kind/:name/runbooks/:id/reviews',
        'post'
      >
    >,
    RecordReviewResult
  >,
  true as Agree<
    Ok<
      Response<
        Spec,
        '/entities/:namespace/:kind/:name/runbooks/:id/reviews',
        'get'
      >
    >,
    { reviews: RunbookReview[] }
  >,
  true as Agree<
    Ok<Response<Spec, '/entities/:namespace/:kind/:name/on-call', 'get'>>,
    EntityOnCall
  >,
  true as Agree<Ok<Response<Spec, '/alerts/:alertName', 'get'>>, AlertLookup>,
  true as Agree<Ok<Response<Spec, '/report', 'get'>>, RunbooksReport>,
  true as Agree<
    Ok<Response<Spec, '/documents', 'get'>>,
    { items: RunbookDocument[]; nextCursor?: string }
  >,
];

/** `METHOD /path` of every route an express router registers, `{param}` style. */
function routesOf(router: any): string[] {
  return router.stack
    .filter((layer: any) => layer.route)
    .flatMap((layer: any) =>
      Object.keys(layer.route.methods).map(
        method =>
          `${method.toUpperCase()} ${layer.route.path.replace(
            /:(\w+)/g,
            '{$1}',
          )}`,
      ),
    );
}

describe('openapi.yaml', () => {
  it('is what openapi.generated.ts was generated from', () => {
    const yaml = YAML.parse(
      fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
    );
    expect(spec).toEqual(yaml);
    expect(agreements.every(Boolean)).toBe(true);
  });

  it('describes every route the routers serve, and serves every route it describes', async () => {
    const httpAuth = mockServices.httpAuth();
    const routes = [
      ...routesOf(
        await createRouter({
          httpAuth,
          service: {} as RunbooksService,
          appBaseUrl: 'http://portal.example',
        }),
      ),
      ...routesOf(await createOnCallRouter({ httpAuth, onCall: {} as any })),
    ].filter(
      // The validated router serves the spec itself.
      route => route !== 'GET /openapi.json',
    );
    const described = Object.entries(spec.paths).flatMap(([route, item]) =>
      Object.keys(item).map(method => `${method.toUpperCase()} ${route}`),
    );
    expect(new Set(routes).size).toBe(routes.length);
    expect([...routes].sort()).toEqual([...described].sort());
  });
});
