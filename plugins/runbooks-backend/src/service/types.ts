import {
  AlertMapping,
  AlertRule,
  AlertWithoutRunbook,
  EscalationLevel,
  RunbookHeading,
  RunbookProblem,
  Severity,
} from '@runbooks-for-backstage/plugin-runbooks-common';

/** A runbook as read from its source, before review status is computed. */
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
  /** The runbook's own review interval, from its front matter. */
  reviewInterval?: string;
  missing: boolean;
  markdown: string;
  headings: RunbookHeading[];
};

/** What one refresh learned about an entity. */
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
  runbooks: StoredRunbook[];
};

/** A stored entity without the runbooks' markdown bodies. */
export type EntitySummary = Omit<EntitySnapshot, 'runbooks'> & {
  runbooks: Array<Omit<StoredRunbook, 'markdown' | 'headings'>>;
};

/** One row of the alert lookup index. */
export type AlertIndexRow = {
  entityRef: string;
  /** The entity's version when the row was read (see `getEntityVersion`). */
  entityVersion: string;
  /** The id of the entity's newest review, 0 without reviews. */
  reviewsVersion: number;
  alert: string;
  /** The glob, when the mapping is a `*` pattern. */
  pattern?: string;
  /** Undefined for an alert that a rule file defines and no runbook answers. */
  runbookId?: string;
  anchor?: string;
  source?: string;
  rule?: { severity?: string; labels: Record<string, string>; file: string };
};

export type { RunbookReview } from '@runbooks-for-backstage/plugin-runbooks-common';
