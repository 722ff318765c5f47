import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleRunbooks from '@runbooks-for-backstage/plugin-catalog-backend-module-runbooks';
import fs from 'fs';
import os from 'os';
import path from 'path';

// The catalog with the runbooks module, reading two catalog-info.yaml files:
// a bad runbooks annotation shows on its entity as a processing error, and
// neither entity is kept out of the catalog.

jest.setTimeout(60_000);

function catalogInfo(name: string, annotations: Record<string, string>) {
  return JSON.stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  });
}

describe('runbooks annotation validation in the catalog', () => {
  it('shows a bad annotation as a processing error on the entity, which stays in the catalog', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-catalog-'));
    const good = path.join(dir, 'good.yaml');
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(
      good,
      catalogInfo('good-service', {
        'runbooks/location': 'dir:./runbooks',
        'runbooks/review-interval': '90d',
      }),
    );
    fs.writeFileSync(
      bad,
      catalogInfo('bad-service', {
        'runbooks/location': 'dir:./runbooks',
        'runbooks/review-interval': 'every quarter',
      }),
    );

    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleRunbooks,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Component', 'Location'] }],
              locations: [
                { type: 'file', target: good },
                { type: 'file', target: bad },
              ],
            },
          },
        }),
      ],
    });
    const base = `http://localhost:${backend.server.port()}/api/catalog`;
    const getEntity = async (name: string) => {
      const res = await fetch(
        `${base}/entities/by-name/component/default/${name}`,
        { headers: { Authorization: mockCredentials.user.header() } },
      );
      return res.ok ? res.json() : undefined;
    };

    let badEntity;
    let goodEntity;
    for (let i = 0; i < 100 && !(badEntity && goodEntity); i++) {
      await new Promise(r => setTimeout(r, 250));
      badEntity = await getEntity('bad-service');
      goodEntity = await getEntity('good-service');
    }

    expect(badEntity?.metadata.annotations['runbooks/review-interval']).toBe(
      'every quarter',
    );
    const items = badEntity.status.items.filter(
      (item: { type: string }) =>
        item.type === 'backstage.io/catalog-processing',
    );
    expect(items).toEqual([
      expect.objectContaining({
        level: 'error',
        error: expect.objectContaining({
          message: expect.stringContaining('runbooks/review-interval'),
        }),
      }),
    ]);
    expect(goodEntity?.status?.items ?? []).toEqual([]);
  });
});
