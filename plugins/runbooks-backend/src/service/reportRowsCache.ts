import {
  addDuration,
  CalendarDuration,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { ReportEntityRow, ReportStore } from '../database/RunbooksStore';

/** How long counts are reused while nothing was written: statuses move with time. */
export const REPORT_ROWS_MAX_AGE_MS = 60_000;

/** Past this many changed entities, counting all of them again is as quick. */
export const REPORT_ROWS_MAX_CHANGED = 500;

type Window = { now: string; dueSoonBefore: string };

/**
 * The store's per-entity report counts, kept while the store's report
 * version is unchanged (checked on every call with one primary-key read, so
 * a refresh or review on any replica shows at once) and at most
 * {@link REPORT_ROWS_MAX_AGE_MS}. When the version moved, only the entities
 * the store names as changed are counted again. Concurrent calls share one
 * read.
 */
export class ReportRowsCache {
  private current?: {
    version: string;
    at: number;
    window: Window;
    rows: Promise<ReportEntityRow[]>;
  };

  constructor(
    private readonly deps: {
      store: Pick<
        ReportStore,
        'reportEntities' | 'reportVersion' | 'reportChanges'
      >;
      dueSoonWindow: CalendarDuration;
    },
  ) {}

  async rows(now: Date): Promise<ReportEntityRow[]> {
    const version = await this.deps.store.reportVersion();
    const current = this.current;
    const young =
      current &&
      now.getTime() - current.at < REPORT_ROWS_MAX_AGE_MS &&
      now.getTime() >= current.at;
    if (current && young && current.version === version) return current.rows;
    let next: typeof current & object;
    if (current && young) {
      next = { ...current, version, rows: this.updated(current, version) };
    } else {
      const window = this.windowAt(now);
      const rows = this.deps.store.reportEntities(window);
      next = { version, at: now.getTime(), window, rows };
    }
    this.current = next;
    next.rows.catch(() => {
      if (this.current === next) this.current = undefined;
    });
    return next.rows;
  }

  /** The kept rows with the changed entities counted again, at the kept rows' time. */
  private async updated(
    current: {
      version: string;
      window: Window;
      rows: Promise<ReportEntityRow[]>;
    },
    version: string,
  ): Promise<ReportEntityRow[]> {
    const { store } = this.deps;
    const changed = await store.reportChanges(
      current.version,
      version,
      REPORT_ROWS_MAX_CHANGED,
    );
    if (!changed) return store.reportEntities(current.window);
    const [kept, counted] = await Promise.all([
      current.rows,
      store.reportEntities({ ...current.window, entityRefs: changed }),
    ]);
    const byRef = new Map(kept.map(row => [row.entityRef, row]));
    for (const ref of changed) byRef.delete(ref);
    for (const row of counted) byRef.set(row.entityRef, row);
    return [...byRef.values()];
  }

  private windowAt(now: Date): Window {
    return {
      now: now.toISOString(),
      dueSoonBefore: addDuration(now, this.deps.dueSoonWindow).toISOString(),
    };
  }
}
