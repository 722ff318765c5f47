import { Page } from 'playwright-core';
import { Portal, screenshot, startPortal } from './portal';

// The demo portal in Debian's chromium, as an on-call engineer uses it.
jest.setTimeout(600_000);

const service = '/catalog/default/component/runbooks-for-backstage';

describe('the demo portal in a real browser', () => {
  let portal: Portal;
  let page: Page;

  beforeAll(async () => {
    portal = await startPortal();
    page = await portal.signedInPage();
  }, 600_000);

  afterAll(async () => {
    await portal?.stop();
  });

  async function run(name: string, steps: () => Promise<void>) {
    try {
      await steps();
    } finally {
      await screenshot(page, name).catch(() => undefined);
    }
  }

  it('shows a service, its Runbooks tab and a rendered runbook with tables and anchors', async () => {
    await run('01-runbooks-tab', async () => {
      await page.goto(`${portal.baseUrl}${service}`);
      await page.getByRole('tab', { name: 'Runbooks' }).click();
      await page.waitForURL(`**${service}/runbooks**`);
      const main = page.locator('main');
      await main.getByText('Availability').first().waitFor();
      await main
        .getByRole('link', { name: /Backstage backend is down/ })
        .first()
        .click();
      await page.waitForURL(`**${service}/runbooks/backend-down`);
      await main.getByRole('heading', { name: 'Symptoms' }).waitFor();
      expect(await main.locator('h2#runbook-symptoms').count()).toBe(1);
      expect(await main.locator('table').count()).toBeGreaterThan(0);
      expect(await main.locator('pre code').count()).toBeGreaterThan(0);
    });
  });

  it('turns a stale runbook fresh with "Mark as reviewed", without a reload, and drops it from the stale list', async () => {
    await run('02-mark-as-reviewed', async () => {
      await page.goto(`${portal.baseUrl}/runbooks?status=stale`);
      await page
        .locator('main')
        .getByText('Search index stale')
        .first()
        .waitFor();

      await page.goto(
        `${portal.baseUrl}${service}/runbooks/search-index-stale`,
      );
      const main = page.locator('main');
      await main
        .getByText(/Overdue since/)
        .first()
        .waitFor();
      await main.getByRole('button', { name: /Mark as reviewed/i }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox').fill('Re-read after the Lunr upgrade');
      const navigations: string[] = [];
      page.on('framenavigated', frame => {
        if (frame === page.mainFrame()) navigations.push(frame.url());
      });
      await dialog.getByRole('button', { name: /Mark as reviewed/i }).click();
      await main.getByText('Marked as reviewed').first().waitFor();
      await main
        .getByText(/Overdue since/)
        .first()
        .waitFor({ state: 'detached' });
      expect(await main.getByText('Stale', { exact: true }).count()).toBe(0);
      expect(navigations.filter(url => !url.includes('#'))).toEqual([]);

      await page.goto(`${portal.baseUrl}/runbooks?status=stale`);
      await page.locator('main').getByRole('table').first().waitFor();
      await page.waitForTimeout(1000);
      expect(
        await page.locator('main').getByText('Search index stale').count(),
      ).toBe(0);
    });
  });

  it("follows an alert's runbook_url redirect to the runbook's page", async () => {
    await run('03-alert-redirect', async () => {
      await page.goto(
        `${portal.baseUrl}/api/runbooks/alerts/BackstageBackendDown/go`,
      );
      await page.waitForURL(`**${service}/runbooks/backend-down`);
      await page
        .locator('main')
        .getByRole('heading', { name: 'Backstage backend is down' })
        .first()
        .waitFor();
      expect(new URL(page.url()).pathname).toBe(
        `${service}/runbooks/backend-down`,
      );
    });
  });

  it("opens a one-page runbook collection at the alert's section from its runbook_url", async () => {
    await run('03b-section-redirect', async () => {
      // demo/portal-alerts: one page with a section per alert; the rule's
      // runbook_url names the section (#runbookssourceunreachable).
      await page.goto(
        `${portal.baseUrl}/api/runbooks/alerts/RunbooksSourceUnreachable/go`,
      );
      await page.waitForURL(
        '**/catalog/default/component/portal-alerts/runbooks/index#runbookssourceunreachable',
      );
      const section = page.locator('main h3#runbook-runbookssourceunreachable');
      await section.waitFor();
      // Scrolled to the section: it is on screen, the page title above it is not.
      await page.waitForFunction(() => {
        const target = document.getElementById(
          'runbook-runbookssourceunreachable',
        );
        const title = document.getElementById('runbook-portal-alerts');
        if (!target || !title) return false;
        const top = target.getBoundingClientRect().top;
        return (
          top >= 0 &&
          top < window.innerHeight &&
          title.getBoundingClientRect().bottom <= 0
        );
      });
      expect(
        await page.locator('main h3#runbook-catalogprocessingerrors').count(),
      ).toBe(1);
    });
  });

  it('finds a runbook by a phrase from its body in the portal search', async () => {
    await run('04-search', async () => {
      // Words from the body of etcdNoLeader.md, found in no other runbook.
      const phrase = 'nodes orphaned';
      // The collator indexes on its own schedule; keep asking until it has.
      const deadline = Date.now() + 180_000;
      const expected = '/catalog/default/component/etcd/runbooks/etcdnoleader';
      let found = false;
      while (!found && Date.now() < deadline) {
        const res = await portal.api(
          `/api/search/query?term=${encodeURIComponent(
            phrase,
          )}&types[0]=runbook`,
        );
        const body = res.ok ? await res.json() : { results: [] };
        found = body.results.some(
          (r: { document: { location: string } }) =>
            r.document.location === expected,
        );
        if (!found) await new Promise(r => setTimeout(r, 3000));
      }
      expect(found).toBe(true);
      await page.goto(
        `${portal.baseUrl}/search?query=${encodeURIComponent(phrase)}`,
      );
      const hit = page
        .locator('main')
        .getByRole('link', { name: 'etcdNoLeader' })
        .first();
      await hit.waitFor();
      await hit.click();
      await page.waitForURL(
        '**/catalog/default/component/etcd/runbooks/etcdnoleader',
      );
    });
  });

  it('refuses "Mark as reviewed" to users outside the owning group, saying why', async () => {
    await run('05-not-the-owner', async () => {
      const payments = '/catalog/default/component/payments-api';
      await page.goto(
        `${portal.baseUrl}${payments}/runbooks/payment-provider-timeouts`,
      );
      const main = page.locator('main');
      await main
        .getByRole('heading', { name: 'Payment provider timeouts' })
        .first()
        .waitFor();
      await main
        .getByText(/Only members of .* can mark runbooks as reviewed/)
        .first()
        .waitFor();
      expect(
        await main
          .getByRole('button', { name: /Mark as reviewed/i })
          .isDisabled(),
      ).toBe(true);
      const token = await page.evaluate(async () => {
        const res = await fetch('/api/auth/guest/refresh', {
          headers: { 'x-requested-with': 'XMLHttpRequest' },
        });
        return (await res.json()).backstageIdentity.token as string;
      });
      const posted = await fetch(
        `${portal.baseUrl}/api/runbooks/entities/default/component/payments-api/runbooks/payment-provider-timeouts/reviews`,
        {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
          },
          body: '{}',
        },
      );
      expect(posted.status).toBe(403);
    });
  });

  it('shows who is on call now from the built-in schedule, and the escalation', async () => {
    await run('06-on-call', async () => {
      await page.goto(`${portal.baseUrl}/catalog/default/component/prometheus`);
      const onCall = page.getByLabel('On call now');
      await onCall.waitFor();
      expect(await onCall.textContent()).toMatch(/Jane Doe|Raj Patel|Mei Chen/);
      await page.locator('main').getByText('+15550100').first().waitFor();
    });
  });

  it('shows a runbook missing a required section failing it, and the card and the /runbooks column agree', async () => {
    await run('07-standards', async () => {
      const payments = '/catalog/default/component/payments-api';
      // The default standard asks for an Escalation section, which this runbook lacks.
      await page.goto(
        `${portal.baseUrl}${payments}/runbooks/payment-provider-timeouts`,
      );
      const main = page.locator('main');
      const failing = main.getByRole('list', {
        name: 'Failing standards checks',
      });
      await failing.waitFor();
      expect(await failing.textContent()).toContain('Section "Escalation"');
      const header = (await main
        .getByTestId('runbook-standards-score')
        .first()
        .textContent())!;
      expect(header).toMatch(/^Standards \d+\/\d+$/);

      await page.goto(`${portal.baseUrl}${payments}`);
      const card = page
        .locator('main')
        .getByTestId('runbook-standards-payment-provider-timeouts');
      await card.waitFor();
      expect(
        await card.getByTestId('runbook-standards-score').textContent(),
      ).toBe(header);

      // Worst first, so this 5/7 runbook is past the first page: narrow to its owner.
      await page.goto(
        `${portal.baseUrl}/runbooks?standards=missing-section&owner=group:default/payments`,
      );
      const row = page
        .locator('main tr')
        .filter({ hasText: 'Payment provider timeouts' });
      await row.first().waitFor();
      expect(
        await row.first().getByTestId('runbook-standards-score').textContent(),
      ).toBe(header);
    });
  });
});
