import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RUNBOOKS_LOCATION_ANNOTATION } from '@runbooks-for-backstage/plugin-runbooks-common';
import { resolveEscalation } from '../onCall/resolveEscalation';
import { ttlCache } from './caches';
import { entityKey } from './entityRefs';
import { EntitySummary } from './types';

/** How long a caller's read check and escalation lookup are reused. */
export const CALLER_CACHE_MS = 5_000;

/** How long the coverage report reuses what a caller may read. */
export const COVERAGE_CACHE_MS = 30_000;

/** The catalog entities a caller's coverage report covers. */
export type CoverageScope = {
  /** Refs of the entities with the runbooks annotation the caller may read. */
  withRunbooks: Set<string>;
  /** Every component the caller may read. */
  components: Array<{ entityRef: string; title: string; owner?: string }>;
};

/** A key that tells callers apart, for caches of caller-specific answers. */
export function callerKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return `${principal.type}:${
    principal.userEntityRef ?? principal.subject ?? ''
  }`;
}

type Escalation = Awaited<ReturnType<typeof resolveEscalation>>;

/**
 * The catalog, asked with the caller's own credentials. Repeated requests of
 * one caller for one entity skip the catalog for a few seconds: the read
 * check and the escalation lookup are the costliest parts of a request.
 */
export class CatalogAccess {
  private readonly readable = ttlCache<{ entity: Entity; key: string }>({
    ttlMs: CALLER_CACHE_MS,
    max: 10_000,
  });
  private readonly readableSets = ttlCache<Set<string>>({
    ttlMs: CALLER_CACHE_MS,
    max: 10_000,
  });
  private readonly escalations = ttlCache<Escalation>({
    ttlMs: CALLER_CACHE_MS,
    max: 10_000,
  });

  private readonly coverage = ttlCache<Promise<CoverageScope>>({
    ttlMs: COVERAGE_CACHE_MS,
    max: 1_000,
  });

  constructor(private readonly catalog: CatalogService) {}

  /**
   * What the coverage report may show this caller: the entities with runbooks
   * it may read and its readable components, asked of the catalog in two
   * calls (the catalog applies the permission conditions) and reused for
   * {@link COVERAGE_CACHE_MS}, so paging and filtering do not ask again.
   */
  coverageScope(credentials: BackstageCredentials): Promise<CoverageScope> {
    const key = callerKey(credentials);
    let scope = this.coverage.get(key);
    if (!scope) {
      scope = this.readCoverageScope(credentials);
      this.coverage.set(key, scope);
      scope.catch(() => this.coverage.delete(key));
    }
    return scope;
  }

  private async readCoverageScope(
    credentials: BackstageCredentials,
  ): Promise<CoverageScope> {
    const [annotated, components] = await Promise.all([
      this.catalog.getEntities(
        {
          filter: {
            [`metadata.annotations.${RUNBOOKS_LOCATION_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials },
      ),
      this.catalog.getEntities(
        {
          filter: { kind: 'component' },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.title',
            'spec.owner',
          ],
        },
        { credentials },
      ),
    ]);
    return {
      withRunbooks: new Set(annotated.items.map(entityKey)),
      components: components.items.map(component => {
        const owner = component.spec?.owner;
        return {
          entityRef: entityKey(component),
          title: component.metadata.title ?? component.metadata.name,
          owner: typeof owner === 'string' ? owner : undefined,
        };
      }),
    };
  }

  /**
   * The entity, if the caller may read it and it has runbooks; a 404
   * otherwise, which does not tell the two apart.
   */
  async readableEntity(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<{ entity: Entity; key: string }> {
    const cacheKey = `${callerKey(credentials)}|${ref.kind}:${ref.namespace}/${
      ref.name
    }`;
    const cached = this.readable.get(cacheKey);
    if (cached) return cached;
    const key = entityKey(ref);
    const entity = await this.catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(
        `No entity ${key} in the catalog, or you may not read it`,
      );
    }
    if (!entity.metadata.annotations?.[RUNBOOKS_LOCATION_ANNOTATION]) {
      throw new NotFoundError(
        `${key} has no ${RUNBOOKS_LOCATION_ANNOTATION} annotation, so it has no runbooks`,
      );
    }
    const readable = { entity, key: entityKey(entity) };
    this.readable.set(cacheKey, readable);
    return readable;
  }

  /** Which of these entities the caller may read, reused for a few seconds. */
  async readableRefs(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    if (!refs.length) return new Set();
    const cacheKey = `${callerKey(credentials)}|${[...refs].sort().join(',')}`;
    const cached = this.readableSets.get(cacheKey);
    if (cached) return cached;
    const readable = await this.readableRefsUncached(refs, credentials);
    this.readableSets.set(cacheKey, readable);
    return readable;
  }

  /** Which of these entities the caller may read, asking the catalog now. */
  async readableRefsUncached(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const { items } = await this.catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    const readable = new Set<string>();
    items.forEach(item => item && readable.add(entityKey(item)));
    return readable;
  }

  /** The components in the catalog the caller may read, for the coverage report. */
  async readableComponents(credentials: BackstageCredentials) {
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'component' },
        fields: ['kind', 'metadata', 'spec.owner'],
      },
      { credentials },
    );
    return items;
  }

  /** The entity's escalation levels resolved through the catalog, for this caller. */
  async escalation(
    summary: EntitySummary,
    credentials: BackstageCredentials,
  ): Promise<Escalation> {
    const key = `${callerKey(credentials)}|${summary.entityRef}|${
      summary.refreshedAt
    }`;
    let escalation = this.escalations.get(key);
    if (!escalation) {
      escalation = await resolveEscalation(
        summary.escalation,
        this.catalog,
        credentials,
      );
      this.escalations.set(key, escalation);
    }
    return escalation;
  }
}
