import { createHash } from 'node:crypto';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  buildEntitySnapshot,
  RUNBOOKS_LOCATION_ANNOTATION,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { RunbooksConfig } from '../config';
import { RunbookSourceReader } from '../sources/readEntityRunbooks';
import { boundSnapshot } from './boundSnapshot';
import { entityKey } from './entityRefs';
import { Pacer } from './Pacer';
import { readEntitySources, SourcesRead } from './readEntitySources';
import { readerVersion } from './readerVersion';
import { SnapshotStore } from '../database/RunbooksStore';
import { EntitySnapshot, EntitySummary } from './types';

/** What reading an entity's sources gave, before it is stored. */
type EntityRead = {
  snapshot: EntitySnapshot;
  unreachable: string[];
  /** sha256 of what the snapshot was built from. */
  hash: string;
  etags: Record<string, string>;
};

/** What a refresh of many entities did. */
export type RefreshResult = {
  entities: number;
  failed: number;
  /** Entities whose sources were read and had not changed (nothing rewritten). */
  unchanged?: number;
  /** Entities not read because their source's host is rate limited. */
  deferred?: number;
};

const REFRESH_CONCURRENCY = 4;
const REFRESH_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.owner',
];
/** Entities written per transaction by the scheduled refresh. */
const WRITE_BATCH = 50;

/** Re-reads entities' runbooks from their sources into the store. */
export class RunbooksRefresher {
  private readonly inFlight = new Map<string, Promise<EntitySummary>>();
  private readonly version: string;

  constructor(
    private readonly deps: {
      store: SnapshotStore;
      sources: RunbookSourceReader;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** Caps of one entity's snapshot; none when not given. */
      limits?: RunbooksConfig['limits'];
      /** `runbooks.standards`, for entities whose index declares none. */
      standard?: RunbooksConfig['standard'];
      /**
       * A full refresh spreads its remote reads over this long (ms) instead
       * of starting them all at once; 0 reads as fast as it can.
       */
      spreadReadsOverMs?: number;
      /** Joins each source hash (see readerVersion); the packages' versions by default. */
      version?: string;
      now?: () => Date;
      sleep?: (ms: number) => Promise<void>;
    },
  ) {
    this.version = deps.version ?? readerVersion();
  }

  /**
   * Reads one entity's runbooks now and stores them. Concurrent calls for the
   * same entity share one read. A failing source becomes a problem, never a throw.
   */
  refreshEntity(entity: Entity): Promise<EntitySummary> {
    const key = entityKey(entity);
    const running = this.inFlight.get(key);
    if (running) return running;
    const work = this.readEntity(entity)
      .then(read => this.store(read))
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  /** Refreshes every catalog entity with runbooks and forgets those that left. */
  async refreshAll(): Promise<RefreshResult> {
    const seen = new Set<string>();
    const known = (await this.deps.store.listEntityRefs()).length;
    const spread = this.deps.spreadReadsOverMs ?? 0;
    const pacer = new Pacer(
      spread > 0 ? spread / Math.max(1, known) : 0,
      this.deps.sleep,
    );
    const counts = await this.refreshCatalogEntities(entity => {
      seen.add(entityKey(entity));
      return true;
    }, pacer);
    const gone = (await this.deps.store.listEntityRefs()).filter(
      ref => !seen.has(ref),
    );
    if (gone.length) await this.deps.store.deleteEntities(gone);
    return { entities: seen.size, ...counts };
  }

  /**
   * Reads only the entities with runbooks that were never read, so that new
   * services (and a fresh install) show up within minutes, not at the next
   * full refresh.
   */
  async refreshNew(): Promise<RefreshResult> {
    const known = new Set(await this.deps.store.listEntityRefs());
    let entities = 0;
    const counts = await this.refreshCatalogEntities(entity => {
      if (known.has(entityKey(entity))) return false;
      entities++;
      return true;
    });
    return { entities, ...counts };
  }

  private async refreshCatalogEntities(
    wanted: (entity: Entity) => boolean,
    pacer?: Pacer,
  ): Promise<Omit<RefreshResult, 'entities'>> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const counts = { failed: 0, unchanged: 0, deferred: 0 };
    const beforeRemoteRead = pacer && (() => pacer.turn());
    for await (const page of this.deps.catalog.streamEntities(
      {
        filter: {
          [`metadata.annotations.${RUNBOOKS_LOCATION_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        // What reading runbooks needs: pages of 500 entities stay small.
        fields: REFRESH_FIELDS,
      },
      { credentials },
    )) {
      // Entities whose sources answered are written in batches (one
      // transaction each); a failed source goes through `store`, which
      // keeps the last good copy. An entity whose sources are what the
      // stored snapshot was built from (remote ones asked with their last
      // etag) is neither parsed nor rewritten; one whose host is rate
      // limited keeps what is stored until a later run.
      const entities = page.filter(wanted);
      const stored = await this.deps.store.getSourceStates(
        entities.map(entity => entityKey(entity)),
      );
      const batch: EntityRead[] = [];
      const unchanged: string[] = [];
      const flush = async () => {
        counts.failed += await this.storeBatch(
          batch.splice(0, batch.length),
          unchanged.splice(0, unchanged.length),
        );
      };
      await forEachLimited(entities, REFRESH_CONCURRENCY, async entity => {
        try {
          const key = entityKey(entity);
          const state = stored.get(key);
          let sources = await this.readSources(entity, {
            etags: state?.etags,
            beforeRemoteRead,
          });
          const same = (read: SourcesRead) =>
            !read.unreachable.length && state?.hash === read.hash;
          if (
            sources.notModified &&
            !sources.deferred.length &&
            !same(sources)
          ) {
            // Something else changed: the snapshot needs every file.
            sources = await this.readSources(entity, { beforeRemoteRead });
          }
          if (sources.deferred.length) {
            counts.deferred++;
            return;
          }
          if (same(sources)) {
            unchanged.push(key);
            counts.unchanged++;
          } else {
            // An entity with no stored snapshot has no ids to keep.
            const read = await this.build(sources, stored.has(key));
            if (read.unreachable.length) {
              await this.store(read);
              return;
            }
            batch.push(read);
          }
          if (batch.length >= WRITE_BATCH) await flush();
        } catch (error) {
          counts.failed++;
          this.deps.logger.warn(
            `Could not refresh runbooks of ${entityKey(entity)}: ${error}`,
          );
        }
      });
      await flush();
    }
    return counts;
  }

  /**
   * Writes what a refresh read: changed entities in one transaction (one
   * at a time if that fails, so one bad row costs only its entity), and the
   * new refresh time of unchanged ones. Answers how many failed.
   */
  private async storeBatch(
    reads: EntityRead[],
    unchanged: string[],
  ): Promise<number> {
    const refreshedAt = (this.deps.now?.() ?? new Date()).toISOString();
    try {
      if (unchanged.length) {
        await this.deps.store.markRefreshed(unchanged, refreshedAt);
      }
    } catch (error) {
      this.deps.logger.warn(
        `Could not record the refresh of ${unchanged.length} unchanged entities: ${error}`,
      );
    }
    if (!reads.length) return 0;
    try {
      await this.deps.store.saveSnapshots(
        reads.map(read => read.snapshot),
        new Map(reads.map(read => [read.snapshot.entityRef, read.hash])),
        new Map(reads.map(read => [read.snapshot.entityRef, read.etags])),
      );
      return 0;
    } catch {
      // Falls back to one entity at a time below.
    }
    let failed = 0;
    for (const read of reads) {
      try {
        await this.store(read);
      } catch (error) {
        failed++;
        this.deps.logger.warn(
          `Could not store the runbooks of ${read.snapshot.entityRef}: ${error}`,
        );
      }
    }
    return failed;
  }

  private async readEntity(entity: Entity): Promise<EntityRead> {
    const sources = await this.readSources(entity);
    // Asked for now: a rate-limited source keeps the last good copy, flagged.
    return this.build({
      ...sources,
      unreachable: [...sources.unreachable, ...sources.deferred],
    });
  }

  private readSources(
    entity: Entity,
    options: {
      etags?: Record<string, string>;
      beforeRemoteRead?: () => Promise<void>;
    } = {},
  ): Promise<SourcesRead> {
    return readEntitySources(this.deps.sources, entity, {
      ...options,
      version: this.version,
    });
  }

  private async build(
    { input, hash, unreachable, etags }: SourcesRead,
    stored = true,
  ): Promise<EntityRead> {
    // Runbook ids come from paths; the stored ones win so that reviews stay with their runbook.
    const previous = stored
      ? await this.deps.store.getEntity(input.entityRef)
      : undefined;
    const built = buildEntitySnapshot({
      ...input,
      previousIds: new Map(previous?.runbooks.map(r => [r.path, r.id]) ?? []),
      standard: this.deps.standard,
      now: this.deps.now?.() ?? new Date(),
    });
    for (const runbook of built.runbooks) {
      if (!runbook.missing) {
        runbook.contentHash = createHash('sha256')
          .update(runbook.markdown)
          .digest('hex');
      }
    }
    const { limits } = this.deps;
    const snapshot = limits ? boundSnapshot(built, limits) : built;
    return { snapshot, unreachable, hash, etags };
  }

  private async store({
    snapshot,
    unreachable,
    hash,
    etags,
  }: EntityRead): Promise<EntitySummary> {
    const now = this.deps.now?.() ?? new Date();
    if (unreachable.length) {
      // Keep the last good copy: at 3 a.m. a stale runbook beats none.
      const previous = await this.deps.store.getEntity(snapshot.entityRef);
      if (previous?.runbooks.some(runbook => !runbook.missing)) {
        const since = previous.sourceUnreachable?.since ?? now.toISOString();
        await this.deps.store.markSourceUnreachable(snapshot.entityRef, {
          since,
          message: unreachable.join('; '),
        });
        return {
          ...previous,
          sourceUnreachable: { since, message: unreachable.join('; ') },
        };
      }
    }
    await this.deps.store.saveSnapshots(
      [snapshot],
      new Map([[snapshot.entityRef, hash]]),
      new Map([[snapshot.entityRef, etags]]),
    );
    return snapshot;
  }
}

async function forEachLimited<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from(
    { length: Math.min(limit, items.length) },
    async () => {
      while (next < items.length) await fn(items[next++]);
    },
  );
  await Promise.all(workers);
}
