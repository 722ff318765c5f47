import { readMarkdownDocument } from '../markdown';
import { checkRunbookStandards, withReview } from './checkRunbook';
import { DEFAULT_RUNBOOK_STANDARD, standardSection } from './defaultStandard';
import { checkEntityStandards } from './entityChecks';
import { RunbookStandard, StandardRequirement } from './types';

const standard = (
  sections: string[],
  requirements: StandardRequirement[] = [],
): RunbookStandard => ({
  source: 'config',
  sections: sections.map(name => standardSection(name)),
  requirements,
});

const check = (
  markdown: string,
  s: RunbookStandard,
  more: Partial<Parameters<typeof checkRunbookStandards>[0]> = {},
) =>
  checkRunbookStandards({
    document: readMarkdownDocument(markdown),
    standard: s,
    escalationLevels: 0,
    alertRules: 0,
    alertsAnswered: 0,
    ...more,
  });
const passed = (result: ReturnType<typeof check>, id: string) =>
  result.checks.find(c => c.id === id)?.passed;

describe('runbook checks', () => {
  it('finds a required section by heading, ignoring numbering, emoji and case, or by alias', () => {
    const s = standard(['Escalation', 'Overview', 'Recovery Procedures']);
    const result = check(
      '# X\n\n## 3. 🚨 ESCALATION PATH\n\n## Summary\n\n## Recovery\n',
      s,
    );
    expect(result.checks.map(c => c.passed)).toEqual([true, true, true]);
    expect(result).toMatchObject({ passed: 3, total: 3 });
  });

  it('fails a missing section and names what it looked for', () => {
    const result = check('# X\n\n## Escalationist\n', standard(['Escalation']));
    expect(result.checks[0]).toMatchObject({ passed: false });
    expect(result.checks[0].reason).toMatch(
      /No heading "Escalation" \(or "Escalation path"/,
    );
    expect(result).toMatchObject({ passed: 0, total: 1 });
  });

  it('needs numbered steps or code under a procedure section, not elsewhere', () => {
    const s = standard([], ['steps']);
    expect(
      passed(check('# X\n\n## Resolution\n\n1. restart\n', s), 'steps'),
    ).toBe(true);
    expect(
      passed(
        check('# X\n\n## Steps\n\n```\nkubectl get pods\n```\n', s),
        'steps',
      ),
    ).toBe(true);
    expect(
      passed(check('# X\n\n## Resolution\n\n- restart\n', s), 'steps'),
    ).toBe(false);
    expect(
      passed(check('# X\n\n## Background\n\n1. restart\n', s), 'steps'),
    ).toBe(false);
  });

  it('asks for a rollback section only when the standard does', () => {
    expect(
      check('# X\n', standard([], ['steps'])).checks.map(c => c.id),
    ).toEqual(['steps']);
    const s = standard([], ['rollback']);
    expect(passed(check('# X\n\n## Rollout\n', s), 'rollback')).toBe(false);
    expect(passed(check('# X\n\n## Rolling back\n', s), 'rollback')).toBe(true);
    expect(
      passed(check('# X\n\n## Restore from backup\n', s), 'rollback'),
    ).toBe(true);
  });

  it('takes escalation contacts from the runbook or the entity annotation', () => {
    const s = standard([], ['escalation']);
    expect(
      passed(check('# X\n\n## Escalation\n\nAsk around.\n', s), 'escalation'),
    ).toBe(false);
    expect(
      passed(
        check('# X\n\n## Escalation\n\nPage @db-oncall\n', s),
        'escalation',
      ),
    ).toBe(true);
    expect(
      passed(check('# X\n', s, { escalationLevels: 1 }), 'escalation'),
    ).toBe(true);
  });

  it('needs both a review date and a reviewer', () => {
    const s = standard([], ['review']);
    expect(passed(check('# X\n', s), 'review')).toBe(false);
    expect(
      passed(check('# X\n', s, { lastReviewed: '2025-01-01' }), 'review'),
    ).toBe(false);
    const both = check('# X\n', s, {
      lastReviewed: '2025-01-01',
      reviewer: 'jane',
    });
    expect(both.checks[0]).toMatchObject({
      passed: true,
      reason: 'Reviewed 2025-01-01 by jane',
    });
  });

  it('a portal review decides the review check again', () => {
    const result = check('# X\n', standard([], ['review']));
    expect(
      withReview(result, {
        lastReviewed: '2025-02-01T00:00:00Z',
        reviewer: 'user:default/jane',
      }),
    ).toMatchObject({ passed: 1, total: 1 });
  });

  it('asks for an alert only of runbooks of services with alert rules', () => {
    const s = standard([]);
    expect(check('# X\n', s).total).toBe(0);
    expect(passed(check('# X\n', s, { alertRules: 2 }), 'alert')).toBe(false);
    expect(
      passed(check('# X\n', s, { alertRules: 2, alertsAnswered: 1 }), 'alert'),
    ).toBe(true);
  });

  it('checks outcomes and monitoring links when asked', () => {
    const s = standard([], ['outcomes', 'monitoring']);
    expect(check('# X\n\nRun it.\n', s).passed).toBe(0);
    expect(
      check('# X\n\nExpected: 3 pods. See [Grafana](https://grafana/d/1).\n', s)
        .passed,
    ).toBe(2);
  });
});

describe('entity checks', () => {
  const base = {
    standard: DEFAULT_RUNBOOK_STANDARD,
    alerts: 2,
    alertsWithoutRunbook: [],
    runbooks: [{ title: 'A', status: 'fresh' as const, missing: false }],
    escalationLevels: 1,
    onCallDefined: true,
    severityLadderDefined: true,
  };
  it('passes all five when everything is defined', () => {
    expect(checkEntityStandards(base)).toMatchObject({ passed: 5, total: 5 });
  });
  it('fails each at its boundary', () => {
    const result = checkEntityStandards({
      ...base,
      alertsWithoutRunbook: ['HighLatency'],
      runbooks: [{ title: 'A', status: 'stale', missing: false }],
      escalationLevels: 0,
      onCallDefined: false,
      severityLadderDefined: false,
    });
    expect(result.passed).toBe(0);
    expect(result.checks[0].reason).toBe('No runbook for HighLatency');
    expect(result.checks[1].reason).toBe('Stale: A');
  });
  it('a due-soon runbook is not stale', () => {
    const result = checkEntityStandards({
      ...base,
      runbooks: [{ title: 'A', status: 'due-soon', missing: false }],
    });
    expect(result.checks[1].passed).toBe(true);
  });
});
