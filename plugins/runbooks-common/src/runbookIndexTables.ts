import { formatDuration, parseDuration } from './duration';
import { findColumn, MarkdownTable, MarkdownTableCell } from './markdown';
import { resolveIndexLink } from './indexLinks';
import type { RunbookIndexAlert, RunbookIndexLink } from './runbookIndex';
import { RunbookProblem, Severity } from './types';
import { parseYamlValue } from './yaml';

const ALERT_NAME = /^[A-Za-z_:*][A-Za-z0-9_:*.-]*$/;

/** Alert mappings of an index table with an Alert and a Runbook column. */
export function readAlertTable(
  table: MarkdownTable,
  links: RunbookIndexLink[],
  folder: string,
  indexPath: string,
  problems: RunbookProblem[],
): RunbookIndexAlert[] {
  const alertColumn = findColumn(table, /^alert( ?name)?s?$/);
  const runbookColumn = findColumn(table, /^runbooks?( ?(file|link))?$/);
  if (alertColumn < 0 || runbookColumn < 0) return [];
  const severityColumn = findColumn(table, /^severity$|^priority$/);
  const alerts: RunbookIndexAlert[] = [];
  for (const row of table.rows) {
    const alert = row[alertColumn]?.text ?? '';
    const cell = row[runbookColumn] ?? { text: '', hrefs: [] };
    if (!alert || !ALERT_NAME.test(alert)) continue;
    const target = resolveRunbookReference(cell, links, folder);
    if (!target) {
      problems.push({
        level: 'warning',
        subject: indexPath,
        message: `${indexPath}: the alert table maps ${alert} to "${cell.text}", which names no runbook of this folder`,
      });
      continue;
    }
    const severity =
      severityColumn >= 0 ? row[severityColumn]?.text || undefined : undefined;
    alerts.push({ alert, ...target, severity });
  }
  return alerts;
}

/** A link, a file name, or a short name such as `RB-01` that one listed runbook starts with. */
function resolveRunbookReference(
  cell: MarkdownTableCell,
  links: RunbookIndexLink[],
  folder: string,
): { path: string; anchor?: string } | undefined {
  if (cell.hrefs.length) return resolveIndexLink(cell.hrefs[0], folder);
  const text = cell.text;
  if (/\.(md|markdown)(#.*)?$/i.test(text))
    return resolveIndexLink(text, folder);
  const token = text.toLowerCase();
  if (!token) return undefined;
  const startsWithToken = (value: string | undefined) => {
    const lower = value?.toLowerCase() ?? '';
    return (
      lower.startsWith(token) && !/[a-z0-9]/.test(lower[token.length] ?? '')
    );
  };
  const candidates = links.filter(
    l =>
      startsWithToken(l.category) ||
      startsWithToken(l.title) ||
      startsWithToken(l.path.split('/').pop()),
  );
  return candidates.length === 1
    ? { path: candidates[0].path, anchor: candidates[0].anchor }
    : undefined;
}

/** Alert mappings of an `alert_runbook_mapping:` YAML block. */
export function readAlertMappingBlock(
  content: string,
  folder: string,
  indexPath: string,
  problems: RunbookProblem[],
): RunbookIndexAlert[] {
  if (!content.includes('alert_runbook_mapping')) return [];
  const yaml = parseYamlValue(content);
  if ('error' in yaml) {
    problems.push({
      level: 'warning',
      subject: indexPath,
      message: `${indexPath}: the alert_runbook_mapping block is not valid YAML (${yaml.error})`,
    });
    return [];
  }
  const parsed = yaml.value;
  const mapping = (parsed as Record<string, unknown> | null)
    ?.alert_runbook_mapping;
  const pairs: Array<[unknown, unknown]> = Array.isArray(mapping)
    ? mapping.map(item => [
        (item as Record<string, unknown>)?.alert,
        (item as Record<string, unknown>)?.runbook,
      ])
    : Object.entries((mapping as Record<string, unknown>) ?? {});
  const alerts: RunbookIndexAlert[] = [];
  for (const [alert, runbook] of pairs) {
    const target =
      typeof runbook === 'string'
        ? resolveIndexLink(runbook, folder)
        : undefined;
    if (typeof alert !== 'string' || !ALERT_NAME.test(alert) || !target) {
      problems.push({
        level: 'warning',
        subject: indexPath,
        message: `${indexPath}: alert_runbook_mapping entry ${JSON.stringify(
          alert,
        )}: ${JSON.stringify(runbook)} is not "AlertName: file.md"`,
      });
      continue;
    }
    alerts.push({ alert, ...target });
  }
  return alerts;
}

/** The severity ladder of a `| Severity | Response Time |` table. */
export function readSeverityTable(table: MarkdownTable): Severity[] {
  const nameColumn = findColumn(table, /^severity$|^priority$|^level$/);
  const responseColumn = findColumn(table, /response|respond/);
  const descriptionColumn = findColumn(
    table,
    /^description$|^meaning$|^impact$/,
  );
  return table.rows.flatMap(row => {
    const label = row[nameColumn]?.text ?? '';
    if (!label) return [];
    const [name, ...rest] = label.replace(/\s+/g, ' ').split(/ [-–—:] /);
    const described = [
      rest.join(' - '),
      descriptionColumn >= 0 ? row[descriptionColumn]?.text ?? '' : '',
    ].filter(Boolean);
    const response = row[responseColumn]?.text ?? '';
    const duration = parseDuration(response.replace(/^[<≤~]\s*/, ''));
    return [
      {
        name: name.trim(),
        respondWithin: duration ? formatDuration(duration) : response,
        description: described.join(': ') || undefined,
      },
    ];
  });
}
