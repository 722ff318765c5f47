import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { RunbookSourceReader } from '../sources/readEntityRunbooks';
import { ScheduleOnCallProvider } from './ScheduleOnCallProvider';

const DEMO_CATALOG_INFO = path.resolve(
  __dirname,
  '../../../../demo/kube-prometheus/prometheus/catalog-info.yaml',
);

function provider() {
  return new ScheduleOnCallProvider(
    new RunbookSourceReader({
      reader: mockServices.urlReader.mock(),
      integrations: ScmIntegrations.fromConfig(mockServices.rootConfig()),
      limits: {
        maxFilesPerEntity: 10,
        maxFileBytes: 100_000,
        maxBytesPerEntity: 1_000_000,
      },
    }),
  );
}

function entityAt(catalogInfo: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'prometheus',
      annotations: {
        'backstage.io/managed-by-location': `file:${catalogInfo}`,
        'runbooks/on-call': 'schedule:./oncall.yaml',
      },
    },
  };
}

function folderWith(files: Record<string, string>) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-schedule-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

describe('ScheduleOnCallProvider', () => {
  it('reads the demo schedule next to catalog-info.yaml: Raj from 2026-11-23 09:00 UTC for a week', async () => {
    const answer = await provider().getOnCall({
      entity: entityAt(DEMO_CATALOG_INFO),
      target: './oncall.yaml',
      now: new Date('2026-11-23T12:00:00Z'),
    });
    expect(answer).toEqual({
      onCall: [
        {
          level: 1,
          contacts: [
            { ref: 'user:default/raj.patel', name: 'user:default/raj.patel' },
          ],
          until: '2026-11-30T09:00:00.000Z',
          next: [
            { ref: 'user:default/mei.chen', name: 'user:default/mei.chen' },
          ],
        },
      ],
      problems: [],
    });
  });

  it('honours the demo Christmas override: Jane covers Mei on 24-27 December', async () => {
    const answer = await provider().getOnCall({
      entity: entityAt(DEMO_CATALOG_INFO),
      target: './oncall.yaml',
      now: new Date('2026-12-25T12:00:00Z'),
    });
    expect(answer.onCall[0]).toMatchObject({
      contacts: [{ ref: 'user:default/jane.doe' }],
      until: '2026-12-27T00:00:00.000Z',
      next: [{ ref: 'user:default/mei.chen' }],
    });
  });

  it('reports a missing schedule file under the annotation it came from', async () => {
    const root = folderWith({ 'svc/catalog-info.yaml': 'kind: Component' });
    const answer = await provider().getOnCall({
      entity: entityAt(path.join(root, 'svc/catalog-info.yaml')),
      target: './oncall.yaml',
      now: new Date('2026-11-23T12:00:00Z'),
    });
    expect(answer.onCall).toEqual([]);
    expect(answer.problems).toEqual([
      expect.objectContaining({
        level: 'error',
        subject: 'runbooks/on-call',
        message: expect.stringMatching(
          /^runbooks\/on-call: schedule:\.\/oncall\.yaml does not exist/,
        ),
      }),
    ]);
  });

  it('reports mistakes in the file with its name and key, and nobody on call', async () => {
    const root = folderWith({
      'svc/catalog-info.yaml': 'kind: Component',
      'svc/oncall.yaml':
        'rotation: { start: 2026-01-01T00:00:00Z, every: 7, members: [user:a] }',
    });
    const answer = await provider().getOnCall({
      entity: entityAt(path.join(root, 'svc/catalog-info.yaml')),
      target: './oncall.yaml',
      now: new Date('2026-11-23T12:00:00Z'),
    });
    expect(answer).toEqual({
      onCall: [],
      problems: [
        {
          level: 'error',
          subject: 'runbooks/on-call',
          message:
            'oncall.yaml: rotation.every "7" is not a period such as 12h, 1d, 1w or 2w',
        },
      ],
    });
  });

  it('refuses a schedule file that is not YAML', async () => {
    const root = folderWith({
      'svc/catalog-info.yaml': 'kind: Component',
      'svc/oncall.txt': 'jane',
    });
    const answer = await provider().getOnCall({
      entity: entityAt(path.join(root, 'svc/catalog-info.yaml')),
      target: './oncall.txt',
      now: new Date(),
    });
    expect(answer.onCall).toEqual([]);
    expect(answer.problems?.[0].message).toContain(
      'is a file of a kind this annotation does not read',
    );
  });

  it('reads no more than two files of a folder named as the schedule', async () => {
    const files: Record<string, string> = { 'svc/catalog-info.yaml': '' };
    for (let i = 0; i < 50; i++) files[`svc/conf/f${i}.yaml`] = 'a: 1';
    const root = folderWith(files);
    const read = jest.spyOn(fs.promises, 'readFile');
    const answer = await provider().getOnCall({
      entity: entityAt(path.join(root, 'svc/catalog-info.yaml')),
      target: './conf',
      now: new Date(),
    });
    expect(answer.problems?.map(p => p.message)).toEqual([
      'runbooks/on-call: schedule:./conf is a folder; name the schedule file, like schedule:./oncall.yaml',
    ]);
    expect(read).toHaveBeenCalledTimes(2);
    read.mockRestore();
  });
});
