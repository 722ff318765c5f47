/**
 * A section a standard requires, with the other headings that count as it.
 *
 * @public
 */
export type StandardSection = { name: string; aliases: string[] };

/**
 * What a standard asks of a runbook besides its sections.
 *
 * @public
 */
export type StandardRequirement =
  | 'steps'
  | 'outcomes'
  | 'rollback'
  | 'escalation'
  | 'monitoring'
  | 'review';

/**
 * Where the standard in force for an entity came from.
 *
 * @public
 */
export type StandardSource = 'index' | 'config' | 'default';

/**
 * The standard an entity's runbooks are checked against.
 *
 * @public
 */
export type RunbookStandard = {
  source: StandardSource;
  /** The index file that declares it, for `index`. */
  sourcePath?: string;
  /** The heading of the index that declares it, for `index`. */
  declaredIn?: string;
  sections: StandardSection[];
  requirements: StandardRequirement[];
};

/**
 * One check of a runbook or an entity against a standard.
 *
 * @public
 */
export type StandardsCheck = {
  /** Stable id: `section:<name>`, `steps`, `rollback`, `escalation`, `review`, `alert`, … */
  id: string;
  label: string;
  passed: boolean;
  /** Why it passed or failed, in words a runbook author can act on. */
  reason: string;
};

/**
 * A runbook's or an entity's checks and its score (`passed` of `total`).
 *
 * @public
 */
export type StandardsResult = {
  source: StandardSource;
  sourcePath?: string;
  passed: number;
  total: number;
  checks: StandardsCheck[];
};
