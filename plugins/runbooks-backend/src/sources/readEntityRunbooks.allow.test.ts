import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import {
  parseSourceAllowRule,
  RunbookSourceReader,
} from './readEntityRunbooks';

const CATALOG_INFO =
  'https://github.com/acme/ops/blob/main/svc/catalog-info.yaml';

function setup(allow: string[] = []) {
  const reader = mockServices.urlReader.mock();
  const read: string[] = [];
  reader.readUrl.mockImplementation(async url => {
    read.push(url);
    return { buffer: async () => Buffer.from('rotation: {}') } as any;
  });
  reader.readTree.mockImplementation(async url => {
    read.push(url);
    return { files: async () => [] } as any;
  });
  const sources = new RunbookSourceReader({
    reader,
    integrations: ScmIntegrations.fromConfig(mockServices.rootConfig()),
    limits: {
      maxFilesPerEntity: 10,
      maxFileBytes: 100_000,
      maxBytesPerEntity: 1_000_000,
    },
    allow: allow.map(parseSourceAllowRule),
  });
  return { sources, read };
}

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'svc',
    annotations: { 'backstage.io/managed-by-location': `url:${CATALOG_INFO}` },
  },
};

describe('runbooks.sources.allow', () => {
  it('reads url: that runbooks.sources.allow names, by host or by path prefix', async () => {
    const { sources, read } = setup([
      'wiki.example',
      'https://github.com/acme/shared-runbooks/',
    ]);
    const entityFromFile: Entity = {
      ...entity,
      metadata: {
        name: 'svc',
        annotations: {
          'backstage.io/managed-by-location': 'file:/srv/catalog-info.yaml',
        },
      },
    };
    for (const target of [
      'https://wiki.example/anything/x.md',
      'https://github.com/acme/shared-runbooks/tree/main/db',
      'https://github.com/acme/shared-runbooks-evil/tree/main/db',
      'https://github.com/acme/ops/tree/main/docs',
    ]) {
      await sources.read(
        entityFromFile,
        { type: 'url', target },
        'runbooks/location',
      );
    }
    expect(read).toEqual([
      'https://wiki.example/anything/x.md',
      'https://github.com/acme/shared-runbooks/tree/main/db',
    ]);
  });

  it('refuses allow entries that are neither hosts nor URLs', () => {
    expect(() => parseSourceAllowRule('github.com/acme')).toThrow(
      /neither a host name/,
    );
  });
});
