import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import { ScheduleOnCallProvider } from '../onCall/ScheduleOnCallProvider';
import { RunbookSourceReader } from './readEntityRunbooks';

const CATALOG_INFO =
  'https://github.com/acme/ops/blob/main/svc/catalog-info.yaml';

function setup() {
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

describe('RunbookSourceReader locations', () => {
  it.each([
    'https://github.com/acme/ops/blob/main/svc/%2e%2e/secret.md',
    'https://github.com/acme/ops/blob/main/svc/%252e%252e/secret.md',
    'https://github.com/acme/ops/blob/main/svc/..%2fsecret.md',
    'https://github.com/acme/ops/blob/main/svc/..%5csecret.md',
    '%2e%2e/secret.md',
    '.%2E/secret.md',
    '%252e%252e/secret.md',
    '..%2fsecret.md',
    'runbooks/../../secret.md',
    '//evil.example/x.md',
  ])('never reads dir:%s outside the entity folder', async target => {
    const { sources, read } = setup();
    const result = await sources.read(
      entity,
      { type: 'dir', target },
      'runbooks/location',
    );
    expect(read).toEqual([]);
    expect(result.problems.map(p => p.message)).toEqual([
      `runbooks/location: dir:${target} leaves the entity's own folder and was not read`,
    ]);
  });

  it('reads dir: inside the folder, also when it climbs and comes back', async () => {
    const { sources, read } = setup();
    await sources.read(
      entity,
      { type: 'dir', target: './runbooks/../docs/runbooks' },
      'runbooks/location',
    );
    expect(read).toEqual([
      'https://github.com/acme/ops/tree/main/svc/docs/runbooks',
    ]);
  });

  it.each(['%2e%2e/secret.yaml', '%252e%252e/oncall.yaml'])(
    'never reads schedule:%s outside the entity folder',
    async target => {
      const { sources, read } = setup();
      const answer = await new ScheduleOnCallProvider(sources).getOnCall({
        entity,
        target,
        now: new Date('2026-11-23T12:00:00Z'),
      });
      expect(read).toEqual([]);
      expect(answer.problems?.[0].message).toMatch(
        /leaves the entity's own folder/,
      );
    },
  );

  it('reads url: in the entity repository, and refuses other repositories naming the setting', async () => {
    const { sources, read } = setup();
    await sources.read(
      entity,
      { type: 'url', target: 'https://github.com/acme/ops/tree/main/docs' },
      'runbooks/location',
    );
    expect(read).toEqual(['https://github.com/acme/ops/tree/main/docs']);
    for (const target of [
      'https://github.com/acme/private/tree/main/docs',
      'https://github.com/acme/ops/../private/tree/main/x.md',
      'https://github.com/acme/ops/%2e%2e/private/tree/main/x.md',
      'https://github.com/acme/opsx/tree/main/docs',
      'https://internal.example/ops/x.md',
    ]) {
      const result = await sources.read(
        entity,
        { type: 'url', target },
        'runbooks/location',
      );
      expect(result.problems[0].message).toMatch(
        /^runbooks\/location: url:\S+ (is outside this entity's own repository and the sources this portal allows \(runbooks\.sources\.allow\); not read|is not an http\(s\) URL without dot segments and was not read)$/,
      );
    }
    expect(read).toHaveLength(1);
  });
});
