import { mockServices } from '@backstage/backend-test-utils';
import http from 'http';
import { AddressInfo } from 'net';
import { runbookFacts, runbooksFactRetriever } from './runbooksFactRetriever';

const runbook = (
  id: string,
  status: string,
  lastReviewed?: string,
  missing = false,
) =>
  ({
    id,
    title: id,
    path: `${id}.md`,
    viewUrl: '',
    alerts: [],
    reviewInterval: '90d',
    status,
    lastReviewed,
    missing,
  } as any);

describe('runbook facts', () => {
  const now = Date.parse('2026-11-23T00:00:00Z');

  it('counts runbooks by status and gives the age of the oldest review', () => {
    const facts = runbookFacts(
      {
        entityRef: 'component:default/payments',
        hasRunbooks: true,
        alertsWithoutRunbook: ['PaymentsQueueStuck'],
        runbooks: [
          runbook('a', 'fresh', '2026-11-01T00:00:00Z'),
          runbook('b', 'stale', '2026-03-01T00:00:00Z'),
          runbook('c', 'never-reviewed'),
          runbook('d', 'never-reviewed', undefined, true),
        ],
      },
      now,
    );
    expect(facts.entity).toEqual({
      kind: 'component',
      namespace: 'default',
      name: 'payments',
    });
    expect(facts.facts).toEqual({
      hasRunbooks: true,
      runbookCount: 3,
      freshCount: 1,
      dueSoonCount: 0,
      staleCount: 1,
      neverReviewedCount: 1,
      missingCount: 1,
      alertsWithoutRunbookCount: 1,
      oldestReviewAgeDays: 267,
      standardsPassed: 0,
      standardsTotal: 0,
      standardsScorePercent: -1,
      runbooksMeetingStandardCount: 0,
      runbooksMissingSectionsCount: 0,
    });
  });

  it("scores the entity's runbooks against their standard", () => {
    const scored = (
      id: string,
      checks: Array<[string, boolean]>,
      missing = false,
    ) => ({
      ...runbook(id, 'fresh', '2026-11-01T00:00:00Z', missing),
      standards: {
        source: 'index',
        passed: checks.filter(([, ok]) => ok).length,
        total: checks.length,
        checks: checks.map(([checkId, passed]) => ({
          id: checkId,
          label: checkId,
          passed,
          reason: '',
        })),
      },
    });
    const facts = runbookFacts(
      {
        entityRef: 'component:default/payments',
        hasRunbooks: true,
        alertsWithoutRunbook: [],
        runbooks: [
          scored('full', [
            ['section:Overview', true],
            ['steps', true],
          ]),
          scored('no-section', [
            ['section:Overview', false],
            ['steps', true],
          ]),
          scored('no-review', [
            ['section:Overview', true],
            ['review', false],
          ]),
          scored('gone', [['section:Overview', false]], true),
        ],
      },
      now,
    ).facts;
    expect(facts).toMatchObject({
      standardsPassed: 4,
      standardsTotal: 7,
      standardsScorePercent: 57,
      runbooksMeetingStandardCount: 1,
      runbooksMissingSectionsCount: 2,
    });
  });

  it('says a service without runbooks has none, with no review age', () => {
    expect(
      runbookFacts(
        {
          entityRef: 'component:default/x',
          hasRunbooks: false,
          runbooks: [],
          alertsWithoutRunbook: [],
        },
        now,
      ).facts,
    ).toMatchObject({
      hasRunbooks: false,
      runbookCount: 0,
      oldestReviewAgeDays: -1,
    });
  });

  it('reads the report from the runbooks backend with a service token', async () => {
    let authorization: string | undefined;
    const server = http.createServer((req, res) => {
      authorization = req.headers.authorization;
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          entities: [
            {
              entityRef: 'component:default/a',
              hasRunbooks: true,
              alertsWithoutRunbook: [],
              runbooks: [runbook('x', 'fresh', '2026-11-20T00:00:00Z')],
            },
          ],
        }),
      );
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const facts = await runbooksFactRetriever.handler({
        config: mockServices.rootConfig(),
        discovery: {
          getBaseUrl: async () => `http://127.0.0.1:${port}`,
          getExternalBaseUrl: async () => '',
        },
        logger: mockServices.logger.mock(),
        auth: mockServices.auth(),
        urlReader: mockServices.urlReader.mock(),
      });
      expect(facts).toHaveLength(1);
      expect(facts[0].facts.freshCount).toBe(1);
      expect(authorization).toMatch(/^Bearer /);
    } finally {
      server.close();
    }
  });
});
