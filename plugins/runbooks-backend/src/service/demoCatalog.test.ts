import { buildEntitySnapshot } from '@runbooks-for-backstage/plugin-runbooks-common';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { SourceBudget } from '../sources/budget';
import { readLocalRunbooks } from '../sources/readLocalRunbooks';
import { isYamlPath } from '../sources/types';

// The demo catalog's kube-prometheus system: real alert rules and runbooks.
const demo = path.resolve(__dirname, '../../../../demo/kube-prometheus');
const limits = {
  maxFilesPerEntity: 500,
  maxFileBytes: 1_000_000,
  maxBytesPerEntity: 16_000_000,
};

async function snapshotOf(
  component: string,
  folder = path.join(demo, component),
) {
  const entity = parse(
    fs.readFileSync(path.join(folder, 'catalog-info.yaml'), 'utf8'),
  );
  const annotations: Record<string, string> = entity.metadata.annotations ?? {};
  const read = (dir: string | undefined, accept?: (p: string) => boolean) =>
    dir
      ? readLocalRunbooks({
          entityFolder: folder,
          relativeDir: dir.replace(/^dir:/, ''),
          annotation: 'test',
          budget: new SourceBudget(limits),
          accept,
        })
      : Promise.resolve({ files: [], problems: [] });
  const runbooks = await read(annotations['runbooks/location']);
  const rules = await read(annotations['runbooks/alert-rules'], isYamlPath);
  return buildEntitySnapshot({
    entityRef: `component:default/${component}`,
    entityTitle: component,
    annotations,
    locations: [{ files: runbooks.files }],
    ruleFiles: rules.files,
    problems: [],
    now: new Date('2026-11-23T00:00:00Z'),
  });
}

describe('alert mappings over the real kube-prometheus data', () => {
  const components = fs
    .readdirSync(demo)
    .filter(name => fs.existsSync(path.join(demo, name, 'catalog-info.yaml')));

  it('resolves every alert whose runbook exists, and lists every alert without one', async () => {
    let resolved = 0;
    let unresolved = 0;
    for (const component of components) {
      const snapshot = await snapshotOf(component);
      const ruleAlerts = new Set(snapshot.alertRules.map(r => r.alert));
      for (const alert of ruleAlerts) {
        const mapping = snapshot.alerts.find(a => a.alert === alert);
        const rule = snapshot.alertRules.find(r => r.alert === alert)!;
        const tail = rule.runbookUrl!.split('/').pop()!.toLowerCase();
        const file = snapshot.runbooks.find(
          r => r.path.toLowerCase().replace(/\.md$/, '') === tail,
        );
        const listedWithout = snapshot.alertsWithoutRunbook.some(
          a => a.alert === alert,
        );
        // Each alert either resolves to the runbook its runbook_url names, or is listed as having none.
        expect({ alert, runbook: mapping?.runbookId, listedWithout }).toEqual({
          alert,
          runbook: file?.id,
          listedWithout: !file,
        });
        if (file) resolved++;
        else unresolved++;
      }
    }
    expect(resolved).toBe(99);
    expect(unresolved).toBe(26);
  });

  it('maps alerts through both the file name and the rule runbook_url, with no conflicts', async () => {
    const snapshot = await snapshotOf('alertmanager');
    const reload = snapshot.alerts.find(
      a => a.alert === 'AlertmanagerFailedReload',
    );
    expect(reload).toMatchObject({
      runbookId: 'alertmanagerfailedreload',
      source: 'file-name',
    });
    expect(
      snapshot.problems.filter(p => p.message.includes('mapped to')),
    ).toEqual([]);
    expect(
      snapshot.runbooks.find(r => r.id === 'alertmanagerfailedreload')?.alerts,
    ).toEqual(['AlertmanagerFailedReload']);
  });

  it('reports the grafana alert, whose runbook was never written', async () => {
    const snapshot = await snapshotOf('grafana');
    expect(snapshot.runbooks).toEqual([]);
    expect(snapshot.alertsWithoutRunbook).toEqual([
      expect.objectContaining({
        alert: 'GrafanaRequestsFailing',
        file: 'grafana-prometheusRule.yaml',
      }),
    ]);
  });
});

describe('the portal alerts, one page with a section per alert', () => {
  it('resolves every alert of the rules to its section of the page', async () => {
    const snapshot = await snapshotOf(
      'portal-alerts',
      path.resolve(__dirname, '../../../../demo/portal-alerts'),
    );
    expect(snapshot.runbooks.map(r => [r.id, r.title, r.path])).toEqual([
      ['index', 'Portal alerts', '_index.md'],
    ]);
    const page = snapshot.runbooks[0];
    expect(snapshot.alertRules).toHaveLength(5);
    expect(snapshot.alertsWithoutRunbook).toEqual([]);
    for (const rule of snapshot.alertRules) {
      const mapping = snapshot.alerts.find(a => a.alert === rule.alert);
      expect(mapping).toMatchObject({
        runbookId: 'index',
        anchor: rule.alert.toLowerCase(),
        source: 'alert-rule',
      });
      expect(page.headings.map(h => h.anchor)).toContain(mapping!.anchor);
    }
    expect(snapshot.problems).toEqual([]);
  });
});
