import { EntitySnapshot, EntitySummary, StoredRunbook } from './types';

/** Where the plugin keeps what it read. */
export interface RunbooksStore {
  /** Replaces everything stored for the snapshot's entity, atomically. */
  saveSnapshot(snapshot: EntitySnapshot): Promise<void>;
  /** The entity's last snapshot without markdown bodies, if it was ever refreshed. */
  getEntity(entityRef: string): Promise<EntitySummary | undefined>;
  /** One runbook with its markdown. */
  getRunbook(
    entityRef: string,
    runbookId: string,
  ): Promise<StoredRunbook | undefined>;
  /** Every stored entity ref. */
  listEntityRefs(): Promise<string[]>;
  /** Forgets entities, e.g. ones that left the catalog. */
  deleteEntities(entityRefs: string[]): Promise<void>;
}
