import { MarkdownDocument } from '../markdown/markdownDocument';
import {
  containsNode,
  documentSections,
  DocumentSection,
  headingMatchesName,
  nodesText,
} from './headings';
import {
  RunbookStandard,
  StandardRequirement,
  StandardsCheck,
  StandardsResult,
} from './types';

/** Headings under which steps are procedure. */
const PROCEDURE =
  /procedure|steps?\b|resolution|resolve|remediat|mitigat|recover|respon|\bfix|investigat|diagnos|troubleshoot|rollback|roll back|action|runbook|playbook|how to|restor|triage|assessment/i;
const ROLLBACK =
  /roll(?:ing)? ?back|revert|restor|recover|undo|back ?out|failback/i;
const ESCALATION = /escalat|contact|on.?call|who to call|support/i;
/** What a contact looks like: a link, a mention, an email, a channel, a phone number. */
const CONTACT =
  /@[\w.-]+|[\w.+-]+@[\w-]+\.[\w.]+|(?:^|\s)#[\w-]+|https?:\/\/|slack|pagerduty|opsgenie|\+?\d[\d\s()-]{7,}\d/i;
const STEP_NODES = new Set(['ordered_list', 'fence', 'code_block']);

/**
 * What a runbook is checked with besides its text.
 *
 * @public
 */
export type RunbookStandardsInput = {
  document: MarkdownDocument;
  standard: RunbookStandard;
  /** The review date in force (ISO 8601). */
  lastReviewed?: string;
  /** Who reviewed it, when known. */
  reviewer?: string;
  /** Number of escalation levels of the entity's `runbooks/escalation`. */
  escalationLevels: number;
  /** Number of alerting rules of the entity; the alert check applies when above 0. */
  alertRules: number;
  /** Alerts that lead to this runbook. */
  alertsAnswered: number;
};

/** The result with its score counted from its checks. */
export function score(
  standard: Pick<RunbookStandard, 'source' | 'sourcePath'>,
  checks: StandardsCheck[],
): StandardsResult {
  return {
    source: standard.source,
    ...(standard.sourcePath ? { sourcePath: standard.sourcePath } : {}),
    passed: checks.filter(check => check.passed).length,
    total: checks.length,
    checks,
  };
}

type Check = (
  input: RunbookStandardsInput,
  sections: DocumentSection[],
) => StandardsCheck;

const REQUIREMENT_CHECKS: Record<StandardRequirement, Check> = {
  steps: (_, sections) => {
    const procedures = sections.filter(s => PROCEDURE.test(s.heading));
    const withSteps = procedures.find(s => containsNode(s.nodes, STEP_NODES));
    return {
      id: 'steps',
      label: 'Actionable steps',
      passed: Boolean(withSteps),
      reason: stepsReason(withSteps, procedures),
    };
  },
  rollback: (_, sections) => {
    const found = sections.find(s => ROLLBACK.test(s.heading));
    return {
      id: 'rollback',
      label: 'Rollback or recovery',
      passed: Boolean(found),
      reason: found
        ? `Has the section "${found.heading}"`
        : 'No rollback or recovery section',
    };
  },
  escalation: (input, sections) => {
    if (input.escalationLevels > 0) {
      return {
        id: 'escalation',
        label: 'Escalation contacts',
        passed: true,
        reason: `The entity's runbooks/escalation names ${input.escalationLevels} level(s)`,
      };
    }
    const found = sections.find(
      s => ESCALATION.test(s.heading) && CONTACT.test(nodesText(s.nodes)),
    );
    return {
      id: 'escalation',
      label: 'Escalation contacts',
      passed: Boolean(found),
      reason: found
        ? `"${found.heading}" names contacts`
        : 'No escalation section naming a person, team or channel, and no runbooks/escalation annotation',
    };
  },
  review: input => reviewCheck(input),
  outcomes: input => {
    const found = /\bexpected\b|\bshould (?:see|show|return)\b/i.test(
      input.document.plainText,
    );
    return {
      id: 'outcomes',
      label: 'Expected outcomes',
      passed: found,
      reason: found
        ? 'States what to expect of its steps'
        : 'Never says what a step should show ("Expected: …")',
    };
  },
  monitoring: input => {
    const link = input.document.links.find(l => /^https?:\/\//i.test(l.href));
    return {
      id: 'monitoring',
      label: 'Links to monitoring',
      passed: Boolean(link),
      reason: link
        ? `Links to ${link.text || link.href}`
        : 'No link to a dashboard or tool',
    };
  },
};

/**
 * Checks one runbook against its entity's standard: every required section,
 * then each requirement, then (for services with alert rules) that an alert
 * leads to it. Score = checks passed of checks made.
 *
 * @public
 */
export function checkRunbookStandards(
  input: RunbookStandardsInput,
): StandardsResult {
  const { standard } = input;
  const sections = documentSections(input.document.tree);
  const checks: StandardsCheck[] = standard.sections.map(required => {
    const found = sections.find(section =>
      [required.name, ...required.aliases].some(name =>
        headingMatchesName(section.heading, name),
      ),
    );
    return {
      id: `section:${required.name}`,
      label: `Section "${required.name}"`,
      passed: Boolean(found),
      reason: found
        ? `Has the heading "${found.heading}"`
        : `No heading "${required.name}"${
            required.aliases.length
              ? ` (or ${required.aliases.map(a => `"${a}"`).join(', ')})`
              : ''
          }`,
    };
  });
  for (const requirement of standard.requirements) {
    checks.push(REQUIREMENT_CHECKS[requirement](input, sections));
  }
  if (input.alertRules > 0) checks.push(alertCheck(input.alertsAnswered));
  return score(standard, checks);
}

/**
 * The review check: a review date and who reviewed. The portal's "Mark as
 * reviewed" gives both.
 *
 * @public
 */
export function reviewCheck(input: {
  lastReviewed?: string;
  reviewer?: string;
}): StandardsCheck {
  const { lastReviewed, reviewer } = input;
  const date = lastReviewed?.slice(0, 10);
  return {
    id: 'review',
    label: 'Review date and reviewer',
    passed: Boolean(lastReviewed && reviewer),
    reason: reviewReason(date, reviewer),
  };
}

function reviewReason(date?: string, reviewer?: string): string {
  if (!date) return 'No review date';
  if (!reviewer) {
    return `Reviewed ${date}, but by whom is not stated ("Reviewed by: …" or front matter reviewer)`;
  }
  return `Reviewed ${date} by ${reviewer}`;
}

function stepsReason(
  withSteps: DocumentSection | undefined,
  procedures: DocumentSection[],
): string {
  if (withSteps) return `"${withSteps.heading}" has numbered steps or commands`;
  if (!procedures.length) {
    return 'No procedure section (Investigation, Resolution, Steps…) with numbered steps or commands';
  }
  return `No numbered list or code block under ${procedures
    .map(s => `"${s.heading}"`)
    .join(', ')}`;
}

function alertCheck(answered: number): StandardsCheck {
  return {
    id: 'alert',
    label: 'Answers an alert',
    passed: answered > 0,
    reason: answered
      ? `${answered} alert(s) lead here`
      : "None of the entity's alerts leads to this runbook",
  };
}

/**
 * The result with its review check decided again, for a review recorded in
 * the portal after the snapshot was built.
 *
 * @public
 */
export function withReview(
  result: StandardsResult,
  review: { lastReviewed?: string; reviewer?: string },
): StandardsResult {
  if (!result.checks.some(check => check.id === 'review')) return result;
  const checks = result.checks.map(check =>
    check.id === 'review' ? reviewCheck(review) : check,
  );
  return score(result, checks);
}
