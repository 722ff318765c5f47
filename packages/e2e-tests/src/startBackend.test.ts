import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  BackendProcess,
  serviceToken,
  startBackend,
  waitFor,
} from './backendProcess';

// The backend started alone the README's way, with an extra config that adds
// a `file` catalog location: the runbooks API answers for its entity.
jest.setTimeout(240_000);

function writeService() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-file-location-'));
  fs.mkdirSync(path.join(dir, 'checkout', 'runbooks'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'checkout', 'catalog-info.yaml'),
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: e2e-checkout',
      '  annotations:',
      '    runbooks/location: dir:./runbooks',
      'spec: { type: service, lifecycle: production, owner: group:default/e2e }',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'checkout', 'runbooks', 'payment-timeouts.md'),
    '---\ntitle: Payment timeouts\nalerts: [CheckoutPaymentTimeouts]\n---\n# Payment timeouts\n\n## Check the provider\n',
  );
  return path.join(dir, 'checkout', 'catalog-info.yaml');
}

describe('the backend started alone with an extra config', () => {
  let backend: BackendProcess | undefined;

  afterAll(async () => {
    await backend?.stop();
  });

  it('answers the runbooks API for an entity of a file location within two minutes', async () => {
    const started = Date.now();
    backend = await startBackend({
      catalog: { locations: [{ type: 'file', target: writeService() }] },
    });
    const entityPath = '/api/runbooks/entities/default/component/e2e-checkout';
    const entity = await waitFor(
      'the entity runbooks',
      async () => {
        const res = await backend!.api(entityPath);
        return res.ok ? res.json() : undefined;
      },
      120_000 - (Date.now() - started),
    );
    expect(entity.runbooks).toEqual([
      expect.objectContaining({
        id: 'payment-timeouts',
        title: 'Payment timeouts',
        alerts: ['CheckoutPaymentTimeouts'],
        viewUrl:
          '/catalog/default/component/e2e-checkout/runbooks/payment-timeouts',
      }),
    ]);
    const runbook = await (
      await backend.api(`${entityPath}/runbooks/payment-timeouts`)
    ).json();
    expect(runbook.headings).toContainEqual({
      depth: 2,
      text: 'Check the provider',
      anchor: 'check-the-provider',
    });
    const anonymous = await fetch(`${backend.baseUrl}${entityPath}`);
    expect(anonymous.status).toBe(401);
    const wrongToken = await fetch(`${backend.baseUrl}${entityPath}`, {
      headers: { Authorization: `Bearer not-${serviceToken}` },
    });
    expect(wrongToken.status).toBe(401);
  });
});
