import { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { RunbooksService } from './service/RunbooksService';

const entityParams = z.object({
  namespace: z.string().min(1),
  kind: z.string().min(1),
  name: z.string().min(1),
});

const runbookParams = entityParams.extend({ id: z.string().min(1).max(255) });

const refreshBody = z.object({ entityRef: z.string().min(1) });

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(
      `Invalid ${what}: ${issue.path.join('.') || 'value'} ${issue.message}`,
    );
  }
  return result.data;
}

/** The HTTP API of the runbooks plugin (contract section 4). */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  service: RunbooksService;
}): Promise<express.Router> {
  const { httpAuth, service } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/entities/:namespace/:kind/:name', async (req, res) => {
    const ref = parse(entityParams, req.params, 'entity reference');
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await service.getEntityRunbooks(ref, credentials));
  });

  router.get('/entities/:namespace/:kind/:name/runbooks/:id', async (req, res) => {
    const { id, ...ref } = parse(runbookParams, req.params, 'runbook reference');
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await service.getRunbook(ref, id, credentials));
  });

  router.post('/refresh', async (req, res) => {
    const body = parse(refreshBody, req.body, 'request body');
    let ref;
    try {
      ref = parseEntityRef(body.entityRef, { defaultKind: 'component', defaultNamespace: 'default' });
    } catch (error) {
      throw new InputError(`Invalid entityRef "${body.entityRef}": ${(error as Error).message}`);
    }
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await service.refresh(ref, credentials));
  });

  return router;
}
