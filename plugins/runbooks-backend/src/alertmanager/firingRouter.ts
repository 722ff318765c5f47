import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { gzipSync } from 'zlib';
import { z } from 'zod';
import { alertName, entityParams, parseRequestPart } from '../routeParams';
import { createOpenApiRouter } from '../schema/openapi.generated';
import { FiringAnswers } from './FiringAnswers';

/** Answers smaller than this go out as they are (compressed by the root router). */
const GZIP_FROM_BYTES = 4096;

const firingQuery = z.object({ alertname: alertName.optional() }).strict();

/**
 * `GET /firing` and `GET /entities/:namespace/:kind/:name/firing`: what fires
 * in Alertmanager, beside its runbooks, for the caller's readable entities.
 */
export async function createFiringRouter(options: {
  httpAuth: HttpAuthService;
  answers: FiringAnswers;
}): Promise<express.Router> {
  const { httpAuth, answers } = options;
  // Requests are validated against the API's spec; credentials are httpAuth's to check.
  const router = await createOpenApiRouter({
    validatorOptions: { validateSecurity: false },
  });
  // Answers are shared objects until the next poll: serialize and gzip each
  // once, not per viewer (a page of firing alerts is tens of KB). A response
  // with Content-Encoding set is left alone by the root router's compression.
  const serialized = new WeakMap<object, { text: string; gzip?: Buffer }>();
  const sendJson = (
    req: express.Request,
    res: express.Response,
    body: object,
  ) => {
    let entry = serialized.get(body);
    if (!entry) {
      entry = { text: JSON.stringify(body) };
      serialized.set(body, entry);
    }
    res.type('application/json').vary('Accept-Encoding');
    if (
      entry.text.length > GZIP_FROM_BYTES &&
      req.acceptsEncodings('gzip', 'identity') === 'gzip'
    ) {
      entry.gzip ??= gzipSync(entry.text);
      res.set('Content-Encoding', 'gzip').send(entry.gzip);
      return;
    }
    res.send(entry.text);
  };
  const readerOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/firing', async (req, res) => {
    const query = parseRequestPart(firingQuery, req.query, 'query');
    const credentials = await readerOf(req);
    sendJson(req, res, await answers.catalog(credentials, query));
  });

  router.get('/entities/:namespace/:kind/:name/firing', async (req, res) => {
    const ref = parseRequestPart(entityParams, req.params, 'entity reference');
    const credentials = await readerOf(req);
    sendJson(req, res, await answers.entity(ref, credentials));
  });

  return router;
}
