import { createHash } from 'node:crypto';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  buildEntitySnapshot,
  LocationFiles,
  parseLocationAnnotation,
  RunbookProblem,
  RUNBOOKS_ALERT_RULES_ANNOTATION,
  RUNBOOKS_LOCATION_ANNOTATION,
  RunbooksLocation,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import path from 'node:path';
import { RunbooksConfig } from '../config';
import { RunbookSourceReader } from '../sources/readEntityRunbooks';
import { isYamlPath, RunbookFile } from '../sources/types';
import { boundSnapshot } from './boundSnapshot';
import { entityKey } from './entityRefs';
import { SnapshotStore } from '../database/RunbooksStore';
import { EntitySnapshot, EntitySummary } from './types';

/** What reading an entity's sources gave, before it is stored. */
type EntityRead = {
  snapshot: EntitySnapshot;
  unreachable: string[];
  /** sha256 of what the snapshot was built from. */
  hash: string;
};

/** An entity's sources as read, before anything is parsed. */
type SourcesRead = {
  input: Omit<Parameters<typeof buildEntitySnapshot>[0], 'now' | 'previousIds'>;
  hash: string;
  unreachable: string[];
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
  /**
   * Entities this process has parsed and stored. Only those may be skipped
   * when their sources did not change: after a restart (an upgrade, maybe
   * with better parsing) every entity is parsed again once.
   */
  private readonly parsed = new Set<string>();

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
      now?: () => Date;
    },
  ) {}

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
  async refreshAll(): Promise<{ entities: number; failed: number }> {
    const seen = new Set<string>();
    const failed = await this.refreshCatalogEntities(entity => {
      seen.add(entityKey(entity));
      return true;
    });
    const gone = (await this.deps.store.listEntityRefs()).filter(
      ref => !seen.has(ref),
    );
    if (gone.length) await this.deps.store.deleteEntities(gone);
    return { entities: seen.size, failed };
  }

  /**
   * Reads only the entities with runbooks that were never read, so that new
   * services (and a fresh install) show up within minutes, not at the next
   * full refresh.
   */
  async refreshNew(): Promise<{ entities: number; failed: number }> {
    const known = new Set(await this.deps.store.listEntityRefs());
    let entities = 0;
    const failed = await this.refreshCatalogEntities(entity => {
      if (known.has(entityKey(entity))) return false;
      entities++;
      return true;
    });
    return { entities, failed };
  }

  private async refreshCatalogEntities(
    wanted: (entity: Entity) => boolean,
  ): Promise<number> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const failures = { count: 0 };
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
      // keeps the last good copy. An entity whose sources are exactly what
      // this process parsed last time is neither parsed nor rewritten.
      const entities = page.filter(wanted);
      const storedHashes = await this.deps.store.getSourceHashes(
        entities.map(entity => entityKey(entity)),
      );
      const batch: EntityRead[] = [];
      const unchanged: string[] = [];
      const flush = async () => {
        failures.count += await this.storeBatch(
          batch.splice(0, batch.length),
          unchanged.splice(0, unchanged.length),
        );
      };
      await forEachLimited(entities, REFRESH_CONCURRENCY, async entity => {
        try {
          const sources = await this.readSources(entity);
          const key = sources.input.entityRef;
          if (
            !sources.unreachable.length &&
            this.parsed.has(key) &&
            storedHashes.get(key) === sources.hash
          ) {
            unchanged.push(key);
          } else {
            // An entity with no stored snapshot has no ids to keep.
            const read = await this.build(sources, storedHashes.has(key));
            if (read.unreachable.length) {
              await this.store(read);
              return;
            }
            batch.push(read);
          }
          if (batch.length >= WRITE_BATCH) await flush();
        } catch (error) {
          failures.count++;
          this.deps.logger.warn(
            `Could not refresh runbooks of ${entityKey(entity)}: ${error}`,
          );
        }
      });
      await flush();
    }
    return failures.count;
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
      );
      reads.forEach(read => this.parsed.add(read.snapshot.entityRef));
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
    return this.build(sources);
  }

  /** Everything a snapshot is built from, read from the entity's sources. */
  private async readSources(entity: Entity): Promise<SourcesRead> {
    const annotations = entity.metadata.annotations ?? {};
    // Annotation problems are reported by buildEntitySnapshot's validation.
    const parsed = parseLocationAnnotation(
      annotations[RUNBOOKS_LOCATION_ANNOTATION],
    );
    const problems: RunbookProblem[] = [];
    const locations: LocationFiles[] = [];
    const unreachable: string[] = [];
    // One budget for everything the entity names, however many locations.
    const budget = this.deps.sources.budget?.();
    for (const location of distinctLocations(
      parsed.value,
      RUNBOOKS_LOCATION_ANNOTATION,
      problems,
    )) {
      const result = await this.deps.sources.read(
        entity,
        location,
        RUNBOOKS_LOCATION_ANNOTATION,
        { budget },
      );
      problems.push(...result.problems);
      locations.push({ files: result.files });
      if (result.unreachable) unreachable.push(result.unreachable);
    }
    const ruleFiles: RunbookFile[] = [];
    if (annotations[RUNBOOKS_ALERT_RULES_ANNOTATION]) {
      const rules = parseLocationAnnotation(
        annotations[RUNBOOKS_ALERT_RULES_ANNOTATION],
        RUNBOOKS_ALERT_RULES_ANNOTATION,
      );
      for (const location of distinctLocations(
        rules.value,
        RUNBOOKS_ALERT_RULES_ANNOTATION,
        problems,
      )) {
        const result = await this.deps.sources.read(
          entity,
          location,
          RUNBOOKS_ALERT_RULES_ANNOTATION,
          { accept: isYamlPath, budget },
        );
        problems.push(...result.problems);
        ruleFiles.push(...result.files);
      }
    }
    if (budget) problems.push(...budget.problems(RUNBOOKS_LOCATION_ANNOTATION));
    const owner = entity.spec?.owner;
    const input = {
      entityRef: entityKey(entity),
      entityTitle: entity.metadata.title ?? entity.metadata.name,
      owner: typeof owner === 'string' ? owner : undefined,
      annotations,
      locations,
      ruleFiles,
      problems,
    };
    const hash = createHash('sha256')
      .update(JSON.stringify(input))
      .digest('hex');
    return { input, hash, unreachable };
  }

  private async build(
    { input, hash, unreachable }: SourcesRead,
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
    return { snapshot, unreachable, hash };
  }

  private async store({
    snapshot,
    unreachable,
    hash,
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
    );
    this.parsed.add(snapshot.entityRef);
    return snapshot;
  }
}

/** The locations of an annotation, each once however it is spelled (`dir:./a`, `dir:a/`). */
function distinctLocations(
  locations: RunbooksLocation[],
  annotation: string,
  problems: RunbookProblem[],
): RunbooksLocation[] {
  const seen = new Set<string>();
  const distinct: RunbooksLocation[] = [];
  const repeated = new Set<string>();
  for (const location of locations) {
    const key = `${location.type}:${locationKey(location)}`;
    if (seen.has(key)) {
      repeated.add(`${location.type}:${location.target}`);
      continue;
    }
    seen.add(key);
    distinct.push(location);
  }
  for (const location of repeated) {
    problems.push({
      level: 'warning',
      subject: annotation,
      message: `Annotation ${annotation} names ${location} more than once; it is read once`,
    });
  }
  return distinct;
}

function locationKey(location: RunbooksLocation): string {
  if (location.type === 'url') {
    try {
      return new URL(location.target).toString().replace(/\/+$/, '');
    } catch {
      return location.target;
    }
  }
  return path.posix
    .normalize(location.target.replace(/\\/g, '/'))
    .replace(/\/+$/, '');
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
