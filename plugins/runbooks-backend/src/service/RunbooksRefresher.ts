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
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { RunbookSourceReader } from '../sources/readEntityRunbooks';
import { isYamlPath, RunbookFile } from '../sources/types';
import { entityKey } from './entityRefs';
import { RunbooksStore } from './RunbooksStore';
import { EntitySnapshot, EntitySummary } from './types';

/** What reading an entity's sources gave, before it is stored. */
type EntityRead = { snapshot: EntitySnapshot; unreachable: string[] };

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

  constructor(
    private readonly deps: {
      store: RunbooksStore;
      sources: RunbookSourceReader;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
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
      // keeps the last good copy.
      const batch: EntitySnapshot[] = [];
      const flush = async () => {
        const snapshots = batch.splice(0, batch.length);
        try {
          await this.deps.store.saveSnapshots(snapshots);
          return;
        } catch {
          // One entity at a time, so that one bad row costs only its entity.
        }
        for (const snapshot of snapshots) {
          try {
            await this.deps.store.saveSnapshot(snapshot);
          } catch (error) {
            failures.count++;
            this.deps.logger.warn(
              `Could not store the runbooks of ${snapshot.entityRef}: ${error}`,
            );
          }
        }
      };
      await forEachLimited(
        page.filter(wanted),
        REFRESH_CONCURRENCY,
        async entity => {
          try {
            const read = await this.readEntity(entity);
            if (read.unreachable.length) {
              await this.store(read);
              return;
            }
            batch.push(read.snapshot);
            if (batch.length >= WRITE_BATCH) await flush();
          } catch (error) {
            failures.count++;
            this.deps.logger.warn(
              `Could not refresh runbooks of ${entityKey(entity)}: ${error}`,
            );
          }
        },
      );
      await flush();
    }
    return failures.count;
  }

  private async readEntity(entity: Entity): Promise<EntityRead> {
    const annotations = entity.metadata.annotations ?? {};
    // Annotation problems are reported by buildEntitySnapshot's validation.
    const parsed = parseLocationAnnotation(
      annotations[RUNBOOKS_LOCATION_ANNOTATION],
    );
    const problems: RunbookProblem[] = [];
    const locations: LocationFiles[] = [];
    const unreachable: string[] = [];
    for (const location of parsed.value) {
      const result = await this.deps.sources.read(
        entity,
        location,
        RUNBOOKS_LOCATION_ANNOTATION,
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
      for (const location of rules.value) {
        const result = await this.deps.sources.read(
          entity,
          location,
          RUNBOOKS_ALERT_RULES_ANNOTATION,
          { accept: isYamlPath },
        );
        problems.push(...result.problems);
        ruleFiles.push(...result.files);
      }
    }
    const owner = entity.spec?.owner;
    const snapshot = buildEntitySnapshot({
      entityRef: entityKey(entity),
      entityTitle: entity.metadata.title ?? entity.metadata.name,
      owner: typeof owner === 'string' ? owner : undefined,
      annotations,
      locations,
      ruleFiles,
      problems,
      now: this.deps.now?.() ?? new Date(),
    });
    return { snapshot, unreachable };
  }

  private async store({
    snapshot,
    unreachable,
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
    await this.deps.store.saveSnapshot(snapshot);
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
