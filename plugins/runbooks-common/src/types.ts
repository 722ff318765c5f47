import type { RunbookStandard, StandardsResult } from './standards/types';

/**
 * Review status of a runbook, computed when asked (time moves, so it is never stored).
 *
 * @public
 */
export type ReviewStatus = 'fresh' | 'due-soon' | 'stale' | 'never-reviewed';

/**
 * Something wrong with an entity's runbook setup, shown to the user instead of failing.
 *
 * @public
 */
export type RunbookProblem = {
  level: 'error' | 'warning';
  message: string;
  /** The annotation key or runbook path the problem is about. */
  subject?: string;
};

/**
 * One runbook of an entity, as the HTTP API answers it.
 *
 * @public
 */
export type Runbook = {
  id: string;
  title: string;
  category?: string;
  /** Path of the markdown file inside the runbooks location. */
  path: string;
  /** Where to read or edit the source, when it lives at a URL. */
  sourceUrl?: string;
  /** Path of the runbook in the portal: `/catalog/:namespace/:kind/:name/runbooks/:id`. */
  viewUrl: string;
  alerts: string[];
  severity?: string;
  owner?: string;
  tags?: string[];
  lastReviewed?: string;
  reviewedBy?: string;
  nextReview?: string;
  /** Review interval in force, e.g. `90d`. */
  reviewInterval: string;
  status: ReviewStatus;
  /** True when an index links to a runbook file that does not exist. */
  missing: boolean;
  /**
   * True when the runbook's text changed after its newest review in the
   * portal: that review no longer counts (`lastReviewed` and `status` come
   * from the runbook's own dates), and `changedReview` says who read which time.
   */
  changedSinceReview?: boolean;
  /** The portal review that no longer counts because the runbook changed since. */
  changedReview?: { reviewer: string; reviewedAt: string };
  /** The runbook checked against its entity's standard ("Standards 5/7"). */
  standards?: StandardsResult;
};

/**
 * A heading of a rendered runbook, with the anchor the UI gives it.
 *
 * @public
 */
export type RunbookHeading = { depth: number; text: string; anchor: string };

/**
 * A runbook with its markdown body.
 *
 * @public
 */
export type RunbookDetail = Runbook & {
  markdown: string;
  headings: RunbookHeading[];
};

/**
 * Where an alert mapping came from.
 *
 * @public
 */
export type AlertMappingSource =
  | 'annotation'
  | 'front-matter'
  | 'index'
  | 'file-name'
  | 'alert-rule'
  | 'section';

/**
 * An alert answered by a runbook of the entity.
 *
 * @public
 */
export type AlertMapping = {
  alert: string;
  runbookId: string;
  anchor?: string;
  source: AlertMappingSource;
};

/**
 * An alert of the entity's rule files that no runbook answers.
 *
 * @public
 */
export type AlertWithoutRunbook = {
  alert: string;
  severity?: string;
  /** The rule file that defines it. */
  file?: string;
  summary?: string;
  /** The rule's runbook_url, which pointed at no runbook of the entity. */
  runbookUrl?: string;
};

/**
 * A contact on an escalation level.
 *
 * @public
 */
export type EscalationContact = {
  ref?: string;
  uri?: string;
  name: string;
  email?: string;
  /** Further ways to reach a catalog contact (`slack:#channel`, `tel:`, `https:`), from its annotations. */
  links?: string[];
};

/**
 * One level of an entity's escalation.
 *
 * @public
 */
export type EscalationLevel = { level: number; contacts: EscalationContact[] };

/**
 * A severity of the entity's severity ladder.
 *
 * @public
 */
export type Severity = {
  name: string;
  respondWithin: string;
  description?: string;
};

/**
 * Everything the plugin knows about one entity's runbooks.
 *
 * @public
 */
export type EntityRunbooks = {
  entityRef: string;
  runbooks: Runbook[];
  alerts: AlertMapping[];
  /** Alerts of the entity's rule files that no runbook answers. */
  alertsWithoutRunbook: AlertWithoutRunbook[];
  escalation: EscalationLevel[];
  severities: Severity[];
  problems: RunbookProblem[];
  /** When the runbooks were last read from their source (ISO 8601). */
  refreshedAt?: string;
  /** The standard in force and the entity-level checks. */
  standards?: EntityStandards;
};

/**
 * The standard an entity's runbooks are held to, and the entity's own checks.
 *
 * @public
 */
export type EntityStandards = {
  standard: RunbookStandard;
  entity: StandardsResult;
  /** Checks passed and made over all its runbooks. */
  runbooks: { passed: number; total: number };
};

/**
 * Who is on call on one escalation level, and until when.
 *
 * @public
 */
export type OnCallShift = {
  /** Escalation level, 1 for the first person paged. */
  level: number;
  /** The people (or channels) on call now. */
  contacts: EscalationContact[];
  /** End of this shift (ISO 8601), when the provider knows it. */
  until?: string;
  /** Who takes over at `until`, when the provider knows it. */
  next?: EscalationContact[];
};

/**
 * An entity's escalation and who is on call now, as `GET /entities/:namespace/:kind/:name/on-call` answers.
 *
 * @public
 */
export type EntityOnCall = {
  entityRef: string;
  escalation: EscalationLevel[];
  onCallNow: OnCallShift[];
  /** The on-call provider asked (`schedule`, `pagerduty`, `opsgenie`, …); absent when the entity names none. */
  provider?: string;
  /** Set while the provider fails: when it first failed (ISO 8601). */
  unreachableSince?: string;
  /** The entity's severity ladder with response times. */
  severities: Severity[];
  problems: RunbookProblem[];
};
