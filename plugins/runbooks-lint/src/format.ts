import { LintReport } from './findings';

/** The report as `file:line: level: message` lines and a summary line. */
export function formatHuman(report: LintReport): string {
  const lines = report.findings.map(finding => {
    const where = finding.line
      ? `${finding.file}:${finding.line}`
      : finding.file;
    const level = finding.level === 'info' ? 'note' : finding.level;
    return `${where}: ${level}: ${finding.message}`;
  });
  const notes = report.findings.length - report.errors - report.warnings;
  const counts = [
    plural(report.errors, 'error'),
    plural(report.warnings, 'warning'),
    plural(notes, 'note'),
  ].join(', ');
  lines.push(
    report.errors || report.warnings ? counts : `No problems found (${counts})`,
  );
  return `${lines.join('\n')}\n`;
}

/** The report as JSON: `{ findings, errors, warnings }`. */
export function formatJson(report: LintReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
