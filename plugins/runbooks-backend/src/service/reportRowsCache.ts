import {
  addDuration,
  CalendarDuration,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { ReportEntityRow, ReportStore } from '../database/RunbooksStore';

/** How long counts are reused while nothing was written: statuses move with time. */
export const REPORT_ROWS_MAX_AGE_MS = 60_000;

/**
 * The store's per-entity report counts, kept while the store's report
 * version is unchanged (checked on every call with two small aggregate
 * reads, so a refresh or review on any replica shows at once) and at most
 * {@link REPORT_ROWS_MAX_AGE_MS}. Concurrent calls share one read.
 */
export class ReportRowsCache {
  private current?: {
    version: string;
    at: number;
    rows: Promise<ReportEntityRow[]>;
  };

  constructor(
    private readonly deps: {
      store: Pick<ReportStore, 'reportEntities' | 'reportVersion'>;
      dueSoonWindow: CalendarDuration;
    },
  ) {}

  async rows(now: Date): Promise<ReportEntityRow[]> {
    const version = await this.deps.store.reportVersion();
    const current = this.current;
    if (
      current &&
      current.version === version &&
      now.getTime() - current.at < REPORT_ROWS_MAX_AGE_MS &&
      now.getTime() >= current.at
    ) {
      return current.rows;
    }
    const rows = this.deps.store.reportEntities({
      now: now.toISOString(),
      dueSoonBefore: addDuration(now, this.deps.dueSoonWindow).toISOString(),
    });
    this.current = { version, at: now.getTime(), rows };
    rows.catch(() => {
      if (this.current?.rows === rows) this.current = undefined;
    });
    return rows;
  }
}
