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

const documentsQuery = z.object({
  after: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

const refreshBody = z.object({ entityRef: z.string().min(1) });

function parse<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  what: string,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(
      `Invalid ${what}: ${issue.path.join('.') || 'value'} ${issue.message}`,
    );
  }
  return result.data;
}

const ENTITY_REF_PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function parseRefreshEntityRef(text: string) {
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
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await service.getEntityRunbooks(ref, credentials));
  });

  router.get(
    '/entities/:namespace/:kind/:name/runbooks/:id',
    async (req, res) => {
      const { id, ...ref } = parse(
        runbookParams,
        req.params,
        'runbook reference',
      );
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json(await service.getRunbook(ref, id, credentials));
    },
  );

  router.get('/documents', async (req, res) => {
    const query = parse(documentsQuery, req.query, 'query');
    await httpAuth.credentials(req, { allow: ['service'] });
    res.json(await service.listDocuments(query));
  });

  router.post('/refresh', async (req, res) => {
    const body = parse(refreshBody, req.body, 'request body');
    const ref = parseRefreshEntityRef(body.entityRef);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await service.refresh(ref, credentials));
  });

  return router;
}
