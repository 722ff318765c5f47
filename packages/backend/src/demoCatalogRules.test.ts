import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { parseYamlValue } from '@runbooks-for-backstage/plugin-runbooks-common';
import fs from 'fs';
import os from 'os';
import path from 'path';

// The demo's catalog rules (app-config.yaml): a location anyone registers may
// add components but no Group or User, so nobody can make themselves a member
// or a child of a team; the organisation file may.

jest.setTimeout(90_000);

const ROOT = path.resolve(__dirname, '../../..');

function demoCatalogConfig() {
  const read = parseYamlValue(
    fs.readFileSync(path.join(ROOT, 'app-config.yaml'), 'utf8'),
  );
  if ('error' in read) throw new Error(read.error);
  return (read.value as { catalog: { rules: any[]; locations: any[] } })
    .catalog;
}

/** Which entities a catalog with these top-level rules takes from a registered location and from the organisation file. */
async function catalogWith(rules: any[]) {
  const demo = demoCatalogConfig();
  const orgLocation = demo.locations.find(l =>
    String(l.target).endsWith('demo/org.yaml'),
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-rules-'));
  const registered = path.join(dir, 'catalog-info.yaml');
  fs.writeFileSync(
    registered,
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata: { name: my-service }',
      'spec: { type: service, lifecycle: production, owner: sre }',
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: Group',
      'metadata: { name: impostors }',
      'spec: { type: team, parent: sre, members: [guest], children: [] }',
    ].join('\n'),
  );
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules,
            locations: [
              { type: 'file', target: registered },
              { ...orgLocation, target: path.join(ROOT, 'demo/org.yaml') },
            ],
          },
        },
      }),
    ],
  });
  const base = `http://localhost:${backend.server.port()}/api/catalog`;
  const get = async (ref: string) => {
    const res = await fetch(`${base}/entities/by-name/${ref}`, {
      headers: { Authorization: mockCredentials.user.header() },
    });
    return res.ok ? res.json() : undefined;
  };
  let sre;
  for (let i = 0; i < 100 && !sre; i++) {
    await new Promise(r => setTimeout(r, 250));
    sre = await get('group/default/sre');
  }
  // The registered file is processed alongside the organisation file.
  for (let i = 0; i < 16 && !(await get('component/default/my-service')); i++) {
    await new Promise(r => setTimeout(r, 250));
  }
  const result = {
    sre: Boolean(sre),
    service: Boolean(await get('component/default/my-service')),
    impostors: Boolean(await get('group/default/impostors')),
  };
  await backend.stop();
  return result;
}

describe('demo catalog rules', () => {
  it('take Groups and Users only from the organisation file', async () => {
    // A location with a Group in it is refused whole, with an error on it.
    expect(await catalogWith(demoCatalogConfig().rules)).toEqual({
      sre: true,
      service: false,
      impostors: false,
    });
    // With every kind allowed everywhere, the same file would make a team.
    expect(
      await catalogWith([
        { allow: ['Component', 'Location', 'Group', 'User'] },
      ]),
    ).toEqual({ sre: true, service: true, impostors: true });
  });
});
