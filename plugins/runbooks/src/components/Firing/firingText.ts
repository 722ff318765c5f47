import { FiringAlert } from '@runbooks-for-backstage/plugin-runbooks-common';

/** `for 3 min`, `for 2 h 5 min`, `for 4 d`: how long an alert has fired. */
export function firingFor(startsAt: string, now: Date = new Date()): string {
  const ms = now.getTime() - new Date(startsAt).getTime();
  if (isNaN(ms)) return '';
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return 'for less than a minute';
  if (minutes < 60) return `for ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest ? `for ${hours} h ${rest} min` : `for ${hours} h`;
  }
  return `for ${Math.floor(hours / 24)} d`;
}

/**
 * How much the alert's runbook needs attention, loudest first: none at all,
 * listed but missing, overdue, never reviewed; `ok` otherwise.
 */
export type RunbookGap = 'none' | 'missing' | 'stale' | 'never-reviewed' | 'ok';

export function runbookGap(alert: FiringAlert): RunbookGap {
  const [runbook] = alert.runbooks;
  if (!runbook) return 'none';
  if (runbook.missing) return 'missing';
  if (runbook.status === 'stale') return 'stale';
  if (runbook.status === 'never-reviewed') return 'never-reviewed';
  return 'ok';
}

export const RUNBOOK_GAP_TEXT: Record<Exclude<RunbookGap, 'ok'>, string> = {
  none: 'No runbook for this alert',
  missing: 'Runbook listed but missing',
  stale: 'Runbook overdue for review',
  'never-reviewed': 'Runbook never reviewed',
};

/** `KubePodCrashLooping → Pod crash looping` (or `→ no runbook`). */
export function alertWithRunbook(alert: FiringAlert): string {
  const [runbook] = alert.runbooks;
  if (!runbook) return `${alert.alertname} → no runbook`;
  return `${alert.alertname} → ${runbook.title}${
    runbook.missing ? ' (missing)' : ''
  }`;
}

/** `2 alerts firing`; held-back alerts are not counted as firing. */
export function firingHeadline(alerts: FiringAlert[]): string {
  const active = alerts.filter(a => a.state === 'active').length;
  return `${active} alert${active === 1 ? '' : 's'} firing`;
}
