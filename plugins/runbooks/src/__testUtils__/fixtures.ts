import { Entity } from '@backstage/catalog-model';
import {
  EntityRunbooks,
  Runbook,
  RunbookDetail,
} from '@runbooks-for-backstage/plugin-runbooks-common';

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    namespace: 'default',
    annotations: { 'runbooks/location': 'dir:./runbooks' },
  },
  spec: { type: 'service', owner: 'group:payments', lifecycle: 'production' },
};

export const entityWithoutAnnotation: Entity = {
  ...entity,
  metadata: { name: 'payments', namespace: 'default' },
};

export function makeRunbook(overrides: Partial<Runbook> & { id: string }) {
  return {
    title: overrides.id,
    path: `${overrides.id}.md`,
    viewUrl: `/catalog/default/component/payments/runbooks/${overrides.id}`,
    alerts: [],
    reviewInterval: '90d',
    status: 'fresh',
    missing: false,
    ...overrides,
  } as Runbook;
}

export const runbooks: Runbook[] = [
  makeRunbook({
    id: 'high-cpu',
    title: 'High CPU',
    category: 'Infrastructure',
    status: 'stale',
    alerts: ['HighCPU'],
    severity: 'P1',
    owner: 'group:payments',
    tags: ['cpu'],
    lastReviewed: '2024-01-02',
    nextReview: '2024-04-01',
    sourceUrl:
      'https://github.com/acme/payments/blob/main/runbooks/high-cpu.md',
  }),
  makeRunbook({ id: 'db-failover', title: 'Database failover' }),
  makeRunbook({
    id: 'disk-full',
    title: 'Disk full',
    category: 'Infrastructure',
    status: 'due-soon',
  }),
  makeRunbook({
    id: 'refunds',
    title: 'Refunds stuck',
    category: 'Payments',
    status: 'never-reviewed',
  }),
  makeRunbook({
    id: 'ghost',
    title: 'Ghost runbook',
    category: 'Payments',
    status: 'never-reviewed',
    path: 'ghost.md',
    missing: true,
  }),
];

export const entityRunbooks: EntityRunbooks = {
  entityRef: 'component:default/payments',
  runbooks,
  alerts: [{ alert: 'HighCPU', runbookId: 'high-cpu', source: 'front-matter' }],
  alertsWithoutRunbook: [],
  escalation: [],
  severities: [],
  problems: [],
  refreshedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
};

export const highCpuDetail: RunbookDetail = {
  ...runbooks[0],
  markdown: [
    '# High CPU',
    '',
    'Check the [dashboard](https://grafana.example.com) and [the steps](#what-to-do).',
    '',
    '## What to do?',
    '',
    '| Step | Command |',
    '| --- | --- |',
    '| Scale out | `kubectl scale` |',
    '',
    '- [x] paged',
    '- [ ] fixed',
    '',
    '~~old advice~~',
    '',
    '```sh',
    'kubectl top pods',
    '```',
    '',
    '## What to do?',
    '',
    '[Click me](javascript:alert(1))',
  ].join('\n'),
  headings: [
    { depth: 1, text: 'High CPU', anchor: 'high-cpu' },
    { depth: 2, text: 'What to do?', anchor: 'what-to-do' },
    { depth: 2, text: 'What to do?', anchor: 'what-to-do-1' },
  ],
};
