import fs from 'fs';
import path from 'path';
import { matchRunbookUrl, parsePrometheusRules } from './alertRules';

const demo = path.resolve(__dirname, '../../../demo/kube-prometheus');

describe('parsePrometheusRules', () => {
  it('reads every alerting rule of the real kube-prometheus PrometheusRule manifests', () => {
    const files = fs.readdirSync(demo).flatMap(component => {
      const rules = path.join(demo, component, 'rules');
      return fs.existsSync(rules)
        ? fs.readdirSync(rules).map(f => path.join(rules, f))
        : [];
    });
    expect(files).toHaveLength(8);
    const all = files.flatMap(file =>
      parsePrometheusRules(fs.readFileSync(file, 'utf8'), path.basename(file)),
    );
    expect(all.flatMap(r => r.problems)).toEqual([]);
    const rules = all.flatMap(r => r.rules);
    expect(rules).toHaveLength(139);
    expect(
      rules.every(r =>
        r.runbookUrl?.startsWith(
          'https://runbooks.prometheus-operator.dev/runbooks/',
        ),
      ),
    ).toBe(true);
    expect(
      rules.find(r => r.alert === 'AlertmanagerFailedReload'),
    ).toMatchObject({
      severity: 'critical',
      file: 'alertmanager-prometheusRule.yaml',
    });
  });

  it('reads plain rule groups in several documents and skips recording rules', () => {
    const { rules, problems } = parsePrometheusRules(
      [
        'groups:',
        '- name: a',
        '  rules:',
        '  - record: job:up:sum',
        '    expr: sum(up)',
        '  - alert: PaymentsDown',
        '    expr: up == 0',
        '    labels: { severity: page, team: payments }',
        '    annotations: { runbook_url: "https://wiki/x/payments-down.md#restart" }',
        '---',
        'groups: []',
      ].join('\n'),
      'payments.rules.yml',
    );
    expect(problems).toEqual([]);
    expect(rules).toEqual([
      {
        alert: 'PaymentsDown',
        file: 'payments.rules.yml',
        severity: 'page',
        labels: { severity: 'page', team: 'payments' },
        runbookUrl: 'https://wiki/x/payments-down.md#restart',
        summary: undefined,
      },
    ]);
  });

  it('names the file for broken YAML and for documents that are not rules', () => {
    expect(
      parsePrometheusRules('groups: [', 'bad.yaml').problems[0].message,
    ).toMatch(/^bad\.yaml: document 1 is not valid YAML/);
    expect(
      parsePrometheusRules('kind: ConfigMap', 'cm.yaml').problems[0].message,
    ).toContain('has no rule groups');
  });
});

describe('parsePrometheusRules alert names', () => {
  it('skips alerts whose name no request could ask for, naming them', () => {
    const content = [
      'groups:',
      '  - name: g',
      '    rules:',
      `      - alert: ${'Long'.repeat(70)}`,
      '      - alert: Fine',
    ].join('\n');
    const { rules, problems } = parsePrometheusRules(content, 'r.yaml');
    expect(rules.map(rule => rule.alert)).toEqual(['Fine']);
    expect(problems).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^r\.yaml: alert "(Long)+" ignored: its name is longer than 256 characters$/,
        ),
      }),
    ]);
  });

  it('refuses nested complex keys at once', () => {
    const started = Date.now();
    expect(
      parsePrometheusRules(`${'? '.repeat(400)}a`, 'r.yaml').problems[0]
        .message,
    ).toBe('r.yaml: not valid YAML (nests deeper than 64 levels)');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('matchRunbookUrl', () => {
  const paths = [
    'AlertmanagerFailedReload.md',
    'node/NodeDown.md',
    'general/NodeDown.md',
  ];

  it('matches the last path segments, any case, any host, with the anchor', () => {
    expect(
      matchRunbookUrl(
        'https://runbooks.prometheus-operator.dev/runbooks/alertmanager/alertmanagerfailedreload',
        paths,
      ),
    ).toEqual({ path: 'AlertmanagerFailedReload.md', anchor: undefined });
    expect(
      matchRunbookUrl('https://x.example/node/NodeDown.md#mitigation', paths),
    ).toEqual({
      path: 'node/NodeDown.md',
      anchor: 'mitigation',
    });
  });

  it('finds nothing for unrelated or broken URLs', () => {
    expect(
      matchRunbookUrl('https://x.example/runbooks/other', paths),
    ).toBeUndefined();
    expect(matchRunbookUrl('not a url', paths)).toBeUndefined();
  });
});
