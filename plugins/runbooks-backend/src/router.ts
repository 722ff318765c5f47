import { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, isError, NotAllowedError } from '@backstage/errors';
import express from 'express';
import { z } from 'zod';
import {
  alertName,
  entityParams,
  parseRequestPart,
  runbookParams,
} from './routeParams';
import { createOpenApiRouter } from './schema/openapi.generated';
import { RunbooksService } from './service/RunbooksService';

const documentsQuery = z.object({
  after: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

const reportFilters = [
  'fresh',
  'due-soon',
  'stale',
  'never-reviewed',
  'missing',
  'without-runbooks',
  'alerts-without-runbook',
] as const;

/** `GET /report` asking for a page; without any of these it answers the whole report. */
const reportQuery = z
  .object({
    status: z.enum(reportFilters).optional(),
    owner: z.string().min(1).max(512).optional(),
    kind: z.string().min(1).max(256).optional(),
    q: z.string().max(256).optional(),
    sort: z.enum(['name', 'owner', 'stale', 'due']).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .strict();

const reviewBody = z.object({
  note: z.string().max(2000, 'is longer than 2000 characters').optional(),
});

/** An alert name as the API and the actions accept it. */
export const alertQuery = z.record(z.string().max(512));

/** Joins a path to the portal's base URL, refusing anything that would leave it. */
export function portalUrl(appBaseUrl: string, path: string): string {
  const base = new URL(appBaseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const target = new URL(`${base.origin}${basePath}${path}`);
  if (
    target.origin !== base.origin ||
    !target.pathname.startsWith(`${basePath}/`)
  ) {
    throw new InputError('Refusing to redirect outside the portal');
  }
  return target.toString();
}

/** The subject of the search backend's service tokens. */
const SEARCH_PLUGIN_SUBJECT = 'plugin:search';

const refreshBody = z.object({ entityRef: z.string().min(1) });

const ENTITY_REF_PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Parses an entity ref a caller typed, components in `default` unless it says otherwise. */
export function parseEntityRefText(text: string) {
  let ref;
  try {
    ref = parseEntityRef(text, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `Invalid entityRef "${text}": ${(error as Error).message}`,
    );
  }
  if (
    ![ref.kind, ref.namespace, ref.name].every(part =>
      ENTITY_REF_PART.test(part),
    )
  ) {
    throw new InputError(
      `Invalid entityRef "${text}": expected kind:namespace/name, e.g. component:default/payments`,
    );
  }
  return ref;
}

/**
 * Sends JSON, serializing an answer object once: the service hands out the
 * same object while it reuses an answer, so repeated requests skip
 * JSON.stringify.
 */
function jsonSender() {
  const serialized = new WeakMap<object, string>();
  return (res: express.Response, body: object) => {
    let text = serialized.get(body);
    if (text === undefined) {
      text = JSON.stringify(body);
      serialized.set(body, text);
    }
    res.type('application/json').send(text);
  };
}

/**
 * The HTTP API of the runbooks plugin, as `schema/openapi.yaml` describes it:
 * requests are validated against the spec before they reach a handler, and
 * each handler parses its input again with zod, which names what is wrong in
 * the words the API has always used.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  service: RunbooksService;
  /** The portal's own address (`app.baseUrl`): redirects never leave it. */
  appBaseUrl: string;
}): Promise<express.Router> {
  const { httpAuth, service, appBaseUrl } = options;
  // Bodies are parsed before validation; only the POST routes send one.
  const router = await createOpenApiRouter({
    middleware: [express.json({ limit: '64kb' })],
    // Credentials are httpAuth's to check: it takes cookies and static
    // tokens too, and answers 401 in the Backstage error body.
    validatorOptions: { validateSecurity: false },
  });
  // Users and services (static tokens included) may read; only users review.
  const readerOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const sendJson = jsonSender();

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/entities/:namespace/:kind/:name', async (req, res) => {
    const ref = parseRequestPart(entityParams, req.params, 'entity reference');
    const credentials = await readerOf(req);
    sendJson(res, await service.getEntityRunbooks(ref, credentials));
  });

  router.get(
    '/entities/:namespace/:kind/:name/runbooks/:id',
    async (req, res) => {
      const { id, ...ref } = parseRequestPart(
        runbookParams,
        req.params,
        'runbook reference',
      );
      const credentials = await readerOf(req);
      res.json(await service.getRunbook(ref, id, credentials));
    },
  );

  router.get('/report', async (req, res) => {
    const query = parseRequestPart(reportQuery, req.query, 'query');
    const credentials = await readerOf(req as unknown as express.Request);
    res.json(
      Object.keys(query).length
        ? await service.reportPage(query, credentials)
        : await service.report(credentials),
    );
  });

  // Every runbook of every entity, unfiltered: only the search backend,
  // which filters results by entity read permission, may collect them.
  router.get('/documents', async (req, res) => {
    const query = parseRequestPart(documentsQuery, req.query, 'query');
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    if (credentials.principal.subject !== SEARCH_PLUGIN_SUBJECT) {
      throw new NotAllowedError(
        `Only the search backend (${SEARCH_PLUGIN_SUBJECT}) may list runbook documents`,
      );
    }
    res.json(await service.listDocuments(query));
  });

  router.post(
    '/entities/:namespace/:kind/:name/runbooks/:id/reviews',
    async (req, res) => {
      const { id, ...ref } = parseRequestPart(
        runbookParams,
        req.params,
        'runbook reference',
      );
      const body = parseRequestPart(reviewBody, req.body ?? {}, 'request body');
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      res
        .status(201)
        .json(await service.recordReview(ref, id, body.note, credentials));
    },
  );

  router.get(
    '/entities/:namespace/:kind/:name/runbooks/:id/reviews',
    async (req, res) => {
      const { id, ...ref } = parseRequestPart(
        runbookParams,
        req.params,
        'runbook reference',
      );
      const credentials = await readerOf(req);
      res.json(await service.listReviews(ref, id, credentials));
    },
  );

  router.get('/alerts/:alertName', async (req, res) => {
    const alert = parseRequestPart(
      alertName,
      req.params.alertName,
      'alert name',
    );
    const query = parseRequestPart(alertQuery, req.query, 'query');
    const credentials = await readerOf(req);
    sendJson(res, await service.lookupAlert(alert, query, credentials));
  });

  // Prometheus' runbook_url: opened from alert notifications by a browser,
  // which sends no Backstage token. Signed-in callers go straight to the
  // runbook; everyone else to the portal's alert page, which looks the alert
  // up after sign-in, so nothing about the catalog leaks to anonymous callers.
  router.get('/alerts/:alertName/go', async (req, res) => {
    const alert = parseRequestPart(
      alertName,
      req.params.alertName,
      'alert name',
    );
    const query = parseRequestPart(alertQuery, req.query, 'query');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service', 'none'],
    });
    let path = `/runbooks/alerts/${encodeURIComponent(alert)}`;
    const search = new URLSearchParams(query).toString();
    if (search) path += `?${search}`;
    if (credentials.principal.type !== 'none') {
      // No runbook for the alert is an answer (the alert page says so); any
      // other failure goes to the error handler, which logs it.
      const lookup = await service
        .lookupAlert(alert, query, credentials)
        .catch(error => {
          if (isError(error) && error.name === 'NotFoundError') {
            return undefined;
          }
          throw error;
        });
      if (lookup?.matches.length === 1) path = lookup.matches[0].url;
    }
    res.redirect(302, portalUrl(appBaseUrl, path));
  });

  router.post('/refresh', async (req, res) => {
    const body = parseRequestPart(refreshBody, req.body, 'request body');
    const ref = parseEntityRefText(body.entityRef);
    const credentials = await readerOf(req);
    const answer = await service.refresh(ref, credentials);
    if ('retryAfterSeconds' in answer) {
      res
        .status(429)
        .set('Retry-After', String(answer.retryAfterSeconds))
        .json({
          error: { name: 'TooManyRequestsError', message: answer.message },
          request: { method: req.method, url: req.originalUrl },
          response: { statusCode: 429 },
        });
      return;
    }
    res.json(answer);
  });

  return router;
}
