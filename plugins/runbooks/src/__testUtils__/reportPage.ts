import {
  RunbooksReport,
  RunbooksReportPage,
  RunbooksReportQuery,
} from '../api';

/** What the backend answers for a page query, computed from the whole report as it does. */
export function pageOf(
  whole: RunbooksReport,
  query: RunbooksReportQuery,
): RunbooksReportPage {
  const present = (e: RunbooksReport['entities'][number]) =>
    e.runbooks.filter(r => !r.missing);
  const matching = whole.entities.filter(e => {
    if (query.owner && e.owner !== query.owner) return false;
    if (query.q && !e.entityRef.includes(query.q)) return false;
    switch (query.status) {
      case undefined:
        return true;
      case 'missing':
        return e.runbooks.some(r => r.missing);
      case 'without-runbooks':
        return present(e).length === 0;
      case 'alerts-without-runbook':
        return e.alertsWithoutRunbook.length > 0;
      default:
        return present(e).some(r => r.status === query.status);
    }
  });
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 50;
  const owners = [...new Set(whole.entities.map(e => e.owner ?? ''))].map(
    owner => {
      const mine = whole.entities.filter(e => (e.owner ?? '') === owner);
      const runbooks = mine.flatMap(present);
      return {
        owner,
        entities: mine.length,
        withRunbooks: mine.filter(e => present(e).length).length,
        runbooks: runbooks.length,
        stale: runbooks.filter(r => r.status === 'stale').length,
        neverReviewed: runbooks.filter(r => r.status === 'never-reviewed')
          .length,
        dueSoon: runbooks.filter(r => r.status === 'due-soon').length,
        missing: mine.flatMap(e => e.runbooks).filter(r => r.missing).length,
        alertsWithoutRunbook: mine.reduce(
          (n, e) => n + e.alertsWithoutRunbook.length,
          0,
        ),
      };
    },
  );
  return {
    totals: whole.totals,
    entities: matching.slice(offset, offset + limit),
    page: { offset, limit, total: matching.length },
    owners,
  };
}
