/**
 * How bad a finding is: errors fail the run (exit code 1), warnings and
 * notes do not.
 *
 * @public
 */
export type FindingLevel = 'error' | 'warning' | 'info';

/**
 * One thing the linter found.
 *
 * @public
 */
export type Finding = {
  level: FindingLevel;
  /** The file it is about, relative to the working directory. */
  file: string;
  /** 1-based line in that file, where known. */
  line?: number;
  message: string;
  /** The annotation key, runbook path or alert the finding is about. */
  subject?: string;
  /** The entity it is about, as `kind:namespace/name`. */
  entity?: string;
};

/**
 * Everything found in one run, in the shape `--format json` prints.
 *
 * @public
 */
export type LintReport = {
  findings: Finding[];
  errors: number;
  warnings: number;
};

/**
 * Builds the report from the findings, counting them. Findings are ordered by
 * file and line, those of one place in the order they were found.
 */
export function toReport(findings: Finding[]): LintReport {
  const sorted = findings
    .map((finding, order) => ({ finding, order }))
    .sort(
      (a, b) =>
        compareText(a.finding.file, b.finding.file) ||
        (a.finding.line ?? 0) - (b.finding.line ?? 0) ||
        a.order - b.order,
    )
    .map(({ finding }) => finding);
  return {
    findings: sorted,
    errors: findings.filter(f => f.level === 'error').length,
    warnings: findings.filter(f => f.level === 'warning').length,
  };
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
