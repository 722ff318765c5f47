import {
  EntitySnapshot,
  StoredRunbook,
} from '@runbooks-for-backstage/plugin-runbooks-common';

// The snapshot is built by the shared, pure buildEntitySnapshot of runbooks-common.
export type {
  EntitySnapshot,
  StoredRunbook,
} from '@runbooks-for-backstage/plugin-runbooks-common';

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
