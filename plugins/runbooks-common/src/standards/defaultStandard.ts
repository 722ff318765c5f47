import { normalizeSectionName } from './headings';
import { RunbookStandard, StandardRequirement, StandardSection } from './types';

/**
 * Headings that count as a section of the same name, whichever source names
 * the section (an index, config or the default). Config adds its own.
 */
const KNOWN_ALIASES: Record<string, string[]> = {
  overview: [
    'Summary',
    'Description',
    'About',
    'Meaning',
    'Symptoms',
    'Alert Information',
    'Context',
  ],
  escalation: [
    'Escalation path',
    'Escalation policy',
    'Escalation contacts',
    'When to escalate',
    'Contacts',
    'Emergency contacts',
  ],
  investigation: [
    'Investigation steps',
    'Diagnosis',
    'Diagnose',
    'Troubleshooting',
    'Triage',
    'Quick assessment',
  ],
  resolution: [
    'Resolution steps',
    'Mitigation',
    'Remediation',
    'Fix',
    'Recovery',
    'Recovery procedures',
    'Solution',
  ],
  'recovery procedures': ['Recovery', 'Rollback', 'Restore'],
  'post incident': ['Post-resolution', 'Postmortem', 'Follow up', 'Aftermath'],
  prerequisites: ['Requirements', 'Before you start', 'Access required'],
  'initial response': ['Immediate actions', 'First steps', 'Quick assessment'],
};

/** The section with the built-in aliases of its name added. */
export function standardSection(
  name: string,
  aliases: string[] = [],
): StandardSection {
  const known = KNOWN_ALIASES[normalizeSectionName(name)] ?? [];
  const all = [...aliases, ...known].filter(
    (alias, i, list) =>
      normalizeSectionName(alias) !== normalizeSectionName(name) &&
      list.findIndex(
        other => normalizeSectionName(other) === normalizeSectionName(alias),
      ) === i,
  );
  return { name, aliases: all };
}

/**
 * What every standard asks unless it says otherwise: commands or numbered
 * steps under a procedure section, escalation contacts, a review date and
 * reviewer.
 *
 * @public
 */
export const DEFAULT_STANDARD_REQUIREMENTS: StandardRequirement[] = [
  'steps',
  'escalation',
  'review',
];

/**
 * The standard used when neither the entity's index nor config declares one:
 * Overview, Investigation, Resolution and Escalation sections (with their
 * usual aliases), plus {@link DEFAULT_STANDARD_REQUIREMENTS}.
 *
 * @public
 */
export const DEFAULT_RUNBOOK_STANDARD: RunbookStandard = {
  source: 'default',
  sections: ['Overview', 'Investigation', 'Resolution', 'Escalation'].map(
    name => standardSection(name),
  ),
  requirements: DEFAULT_STANDARD_REQUIREMENTS,
};
