import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { entityParams, parseRequestPart } from '../routeParams';
import { createOpenApiRouter } from '../schema/openapi.generated';
import { OnCallService } from './OnCallService';

/** `GET /entities/:namespace/:kind/:name/on-call`: escalation and who is on call now. */
export async function createOnCallRouter(options: {
  httpAuth: HttpAuthService;
  onCall: Pick<OnCallService, 'getOnCall'>;
}): Promise<express.Router> {
  const { httpAuth, onCall } = options;
  // Credentials are httpAuth's to check, as in the main router.
  const router = await createOpenApiRouter({
    validatorOptions: { validateSecurity: false },
  });

  router.get('/entities/:namespace/:kind/:name/on-call', async (req, res) => {
    const ref = parseRequestPart(entityParams, req.params, 'entity reference');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await onCall.getOnCall(ref, credentials));
  });

  return router;
}
