import { AlertRule } from '../alertRules';
import { RunbookStandard, StandardsResult } from '../standards/types';
import {
  AlertMapping,
  AlertWithoutRunbook,
  EscalationLevel,
  RunbookHeading,
  RunbookProblem,
  Severity,
} from '../types';

/**
 * A file read from a runbooks location or a rule-files location.
 *
 * @public
 */
export type RunbookFile = {
  /** Path relative to the location's root folder, slash-separated. */
  path: string;
  content: string;
  /** Where a person can read or edit the file, when it lives at a URL. */
  sourceUrl?: string;
};

/**
 * A runbook as read from its source, before review status is computed.
 *
 * @public
 */
export type StoredRunbook = {
  id: string;
  title: string;
  category?: string;
  path: string;
  sourceUrl?: string;
  alerts: string[];
  severity?: string;
  owner?: string;
  tags?: string[];
  /** ISO 8601 date or timestamp. */
  lastReviewed?: string;
  nextReview?: string;
  /** Who last reviewed it, as its front matter (`reviewer`) or text (`Reviewed by: …`) says. */
  reviewer?: string;
  /** The runbook checked against its entity's standard. */
  standards?: StandardsResult;
  /** The runbook's own review interval, from its front matter. */
  reviewInterval?: string;
  missing: boolean;
  /** sha256 of `markdown`, which a portal review is tied to; set by the backend when it stores the runbook. */
  contentHash?: string;
  markdown: string;
  headings: RunbookHeading[];
};

/**
 * What one refresh learned about an entity.
 *
 * @public
 */
export type EntitySnapshot = {
  entityRef: string;
  /** The entity's title, else its name, for lists and search. */
  entityTitle: string;
  /** The entity's owner ref (`spec.owner`), when it has one. */
  owner?: string;
  refreshedAt: string;
  /** The entity's `runbooks/review-interval`, when valid. */
  reviewInterval?: string;
  problems: RunbookProblem[];
  alerts: AlertMapping[];
  /** Every alerting rule of the entity's rule files. */
  alertRules: AlertRule[];
  alertsWithoutRunbook: AlertWithoutRunbook[];
  escalation: EscalationLevel[];
  /** Set while the entity's sources cannot be read and the last good copy is shown. */
  sourceUnreachable?: { since: string; message: string };
  /** The severity ladder of the entity's runbook index, when it has one. */
  severities?: Severity[];
  /** The standard the entity's runbooks are checked against, and where it came from. */
  standard?: RunbookStandard;
  runbooks: StoredRunbook[];
};
