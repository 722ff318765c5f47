import fs from 'fs';
import os from 'os';
import path from 'path';
import { freePort, waitFor } from './backendProcess';
import {
  ALERTMANAGER,
  Child,
  PROMETHEUS,
  requireMonitoringBinaries,
  startChild,
} from './monitoring';
import { Portal, screenshot, startPortal } from './portal';

// A real client: Debian's prometheus fires a rule whose runbook_url points at
// the portal's alert redirect, Debian's prometheus-alertmanager receives it,
// and the URL its API gives lands on the runbook in Debian's chromium.
jest.setTimeout(600_000);

const alertName = 'BackstageBackendDown';
const service = '/catalog/default/component/runbooks-for-backstage';
const viewUrl = `${service}/runbooks/backend-down`;

type AlertmanagerAlert = {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  status: { state: string };
};

describe('an alert fired by Prometheus and routed by Alertmanager', () => {
  let portal: Portal | undefined;
  const children: Child[] = [];
  let alertmanagerUrl = '';
  let dir = '';

  function logs() {
    return children
      .map(c => `--- ${c.name} output ---\n${c.output().slice(-2000)}`)
      .join('\n');
  }

  /** The firing alerts Alertmanager's API lists, once one has `variant`. */
  async function alertFromAlertmanager(variant: string) {
    try {
      return await waitFor(
        `alert ${alertName} (variant ${variant}) in Alertmanager's API`,
        async () => {
          const res = await fetch(`${alertmanagerUrl}/api/v2/alerts`);
          if (!res.ok) return undefined;
          const alerts = (await res.json()) as AlertmanagerAlert[];
          return alerts.find(
            a =>
              a.labels.alertname === alertName &&
              a.labels.variant === variant &&
              a.status.state === 'active',
          );
        },
        90_000,
      );
    } catch (error) {
      throw new Error(`${error}\n${logs()}`);
    }
  }

  beforeAll(async () => {
    requireMonitoringBinaries([PROMETHEUS, ALERTMANAGER]);
    const amPort = await freePort();
    const promPort = await freePort();
    alertmanagerUrl = `http://127.0.0.1:${amPort}`;
    // The portal reads this Alertmanager's alerts; it starts before it.
    portal = await startPortal({
      runbooks: {
        alertmanager: {
          instances: [{ name: 'local', baseUrl: alertmanagerUrl }],
          pollInterval: { seconds: 2 },
        },
      },
    });
    const base = portal.baseUrl;

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-e2e-prometheus-'));
    // JSON is YAML: both tools read these files as they are.
    fs.writeFileSync(
      path.join(dir, 'alertmanager.yml'),
      JSON.stringify({
        route: { receiver: 'null' },
        receivers: [{ name: 'null' }],
      }),
    );
    fs.writeFileSync(
      path.join(dir, 'rules.yml'),
      JSON.stringify({
        groups: [
          {
            name: 'runbooks-e2e',
            interval: '1s',
            rules: [
              {
                // The rule name written into the URL: what works.
                alert: alertName,
                expr: 'vector(1)',
                for: '0s',
                labels: { variant: 'literal' },
                annotations: {
                  runbook_url: `${base}/api/runbooks/alerts/${alertName}/go`,
                },
              },
              {
                // The README's template: $labels holds the series' labels
                // only, which never include alertname.
                alert: alertName,
                expr: 'vector(1)',
                for: '0s',
                labels: { variant: 'templated' },
                annotations: {
                  runbook_url: `${base}/api/runbooks/alerts/{{ $labels.alertname }}/go`,
                },
              },
            ],
          },
        ],
      }),
    );
    fs.writeFileSync(
      path.join(dir, 'prometheus.yml'),
      JSON.stringify({
        global: { evaluation_interval: '1s', scrape_interval: '1m' },
        rule_files: [path.join(dir, 'rules.yml')],
        alerting: {
          alertmanagers: [
            { static_configs: [{ targets: [`127.0.0.1:${amPort}`] }] },
          ],
        },
      }),
    );

    children.push(
      startChild('alertmanager', ALERTMANAGER, [
        `--config.file=${path.join(dir, 'alertmanager.yml')}`,
        `--storage.path=${path.join(dir, 'alertmanager-data')}`,
        `--web.listen-address=127.0.0.1:${amPort}`,
        // Empty: no cluster port (9094), no gossip.
        '--cluster.listen-address=',
      ]),
    );
    try {
      await waitFor(
        "Alertmanager's readiness",
        async () =>
          (await fetch(`${alertmanagerUrl}/-/ready`)).ok ? true : undefined,
        30_000,
      );
    } catch (error) {
      throw new Error(`${error}\n${logs()}`);
    }
    children.push(
      startChild('prometheus', PROMETHEUS, [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'prometheus-data')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
        // Alerts sent before the Alertmanager is discovered are dropped; the
        // default resend delay (1m) would then hold the alert back that long.
        '--rules.alert.resend-delay=1s',
      ]),
    );
  }, 600_000);

  afterAll(async () => {
    await Promise.all(children.map(c => c.stop()));
    await portal?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("lands on the runbook's page by following the runbook_url Alertmanager's API gives", async () => {
    const alert = await alertFromAlertmanager('literal');
    const runbookUrl = alert.annotations.runbook_url;
    expect(runbookUrl).toBe(
      `${portal!.baseUrl}/api/runbooks/alerts/${alertName}/go`,
    );

    const page = await portal!.signedInPage();
    try {
      await page.goto(runbookUrl);
      await page.waitForURL(`**${viewUrl}`);
      expect(new URL(page.url()).pathname).toBe(viewUrl);
      await page
        .locator('main')
        .getByRole('heading', { name: 'Backstage backend is down' })
        .first()
        .waitFor();
      await page
        .locator('main')
        .getByRole('heading', { name: 'Symptoms' })
        .waitFor();
    } finally {
      await screenshot(page, '10-alertmanager-runbook-url').catch(
        () => undefined,
      );
      await page.close();
    }
  });

  it('shows that Prometheus expands {{ $labels.alertname }} in an annotation to nothing', async () => {
    // Prometheus renders annotations with the labels of the expression's
    // series; alertname is added after, so the README's template gives an
    // empty name. Write the alert name into runbook_url instead.
    const alert = await alertFromAlertmanager('templated');
    expect(alert.labels.alertname).toBe(alertName);
    expect(alert.annotations.runbook_url).toBe(
      `${portal!.baseUrl}/api/runbooks/alerts//go`,
    );
    const res = await fetch(alert.annotations.runbook_url, {
      redirect: 'manual',
    });
    // No route matches an empty alert name: a bare 404, never the runbook.
    expect(res.status).toBe(404);
    expect(res.headers.get('location')).toBeNull();
  });
  it('shows the rule firing in Prometheus on the entity page, beside its runbook', async () => {
    await alertFromAlertmanager('literal');
    const page = await portal!.signedInPage();
    try {
      await page.goto(`${portal!.baseUrl}${service}`);
      const banner = page
        .locator('main')
        .getByRole('region', { name: 'Firing alerts' });
      await banner
        .getByRole('link', {
          name: `${alertName} → Backstage backend is down`,
        })
        .first()
        .waitFor({ timeout: 120_000 });
      // Both rules of the file fire under the same name.
      await banner.getByText(/2 alerts firing/).waitFor();
      const runbook = page
        .locator('main')
        .getByRole('link', { name: 'Runbook: Backstage backend is down' })
        .first();
      expect(await runbook.getAttribute('href')).toBe(viewUrl);
    } finally {
      await screenshot(page, '11-prometheus-firing-on-entity-page').catch(
        () => undefined,
      );
      await page.close();
    }
  });
});
