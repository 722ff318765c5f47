import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { RunbooksReport } from '@runbooks-for-backstage/plugin-runbooks-common';
import { ReviewStore, SnapshotStore } from '../database/RunbooksStore';
import { CatalogAccess } from './CatalogAccess';
import { entityKey } from './entityRefs';
import { EntityReadModel } from './EntityReadModel';
import { sumStandards } from './presentStandards';

const REFS_PER_CALL = 500;

/**
 * Coverage across the catalog, as far as the caller may read it: every
 * entity with runbooks and their status, components without runbooks, and
 * alerts that no runbook answers.
 */
export async function buildCoverageReport(
  deps: {
    store: Pick<SnapshotStore, 'listEntities'> &
      Pick<ReviewStore, 'latestReviewsOfAll'>;
    catalog: CatalogAccess;
    readModel: Pick<EntityReadModel, 'present'>;
  },
  credentials: BackstageCredentials,
): Promise<RunbooksReport> {
  const [stored, reviews] = await Promise.all([
    deps.store.listEntities(),
    deps.store.latestReviewsOfAll(),
  ]);
  const readable = new Set<string>();
  for (let i = 0; i < stored.length; i += REFS_PER_CALL) {
    const refs = stored.slice(i, i + REFS_PER_CALL).map(e => e.entityRef);
    const chunk = await deps.catalog.readableRefsUncached(refs, credentials);
    chunk.forEach(ref => readable.add(ref));
  }
  const entities: RunbooksReport['entities'] = stored
    .filter(entity => readable.has(entity.entityRef))
    .map(entity => {
      const runbooks = entity.runbooks.map(runbook =>
        deps.readModel.present(
          parseEntityRef(entity.entityRef),
          entity,
          runbook,
          reviews.get(`${entity.entityRef}|${runbook.id}`),
        ),
      );
      return {
        entityRef: entity.entityRef,
        entityTitle: entity.entityTitle,
        owner: entity.owner,
        hasRunbooks: true,
        runbooks,
        standards: sumStandards(runbooks),
        alerts: entity.alerts.length,
        alertsWithoutRunbook: (entity.alertsWithoutRunbook ?? []).map(
          a => a.alert,
        ),
      };
    });
  const components = await deps.catalog.readableComponents(credentials);
  const storedRefs = new Set(stored.map(e => e.entityRef));
  for (const component of components) {
    const key = entityKey(component);
    if (storedRefs.has(key)) continue;
    const owner = component.spec?.owner;
    entities.push({
      entityRef: key,
      entityTitle: component.metadata.title ?? component.metadata.name,
      owner: typeof owner === 'string' ? owner : undefined,
      hasRunbooks: false,
      runbooks: [],
      alerts: 0,
      alertsWithoutRunbook: [],
    });
  }
  const all = entities.flatMap(e => e.runbooks);
  const count = (status: string) =>
    all.filter(r => !r.missing && r.status === status).length;
  return {
    totals: {
      entities: entities.length,
      withRunbooks: entities.filter(e => e.runbooks.some(r => !r.missing))
        .length,
      runbooks: all.filter(r => !r.missing).length,
      fresh: count('fresh'),
      dueSoon: count('due-soon'),
      stale: count('stale'),
      neverReviewed: count('never-reviewed'),
      missing: all.filter(r => r.missing).length,
      alerts: entities.reduce(
        (sum, e) => sum + e.alerts + e.alertsWithoutRunbook.length,
        0,
      ),
      alertsWithoutRunbook: entities.reduce(
        (sum, e) => sum + e.alertsWithoutRunbook.length,
        0,
      ),
    },
    entities,
  };
}
