import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  RunbookProblem,
  RunbooksLocation,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import path from 'path';
import { readLocalRunbooks } from './readLocalRunbooks';
import { readUrlRunbooks } from './readUrlRunbooks';
import { FileFilter, SourceLimits, SourceReadResult } from './types';

/** Reads runbook files from wherever an entity's annotation points. */
export class RunbookSourceReader {
  constructor(
    private readonly deps: {
      reader: UrlReaderService;
      integrations: ScmIntegrationRegistry;
      limits: SourceLimits;
    },
  ) {}

  /**
   * Reads one location of an entity (markdown files unless `accept` says otherwise). `dir:` is resolved against the folder of
   * the entity's catalog-info.yaml, whether that is a file or a URL, and may not
   * leave that folder.
   */
  async read(
    entity: Entity,
    location: RunbooksLocation,
    annotation: string,
    options: { signal?: AbortSignal; accept?: FileFilter } = {},
  ): Promise<SourceReadResult> {
    const { reader, limits } = this.deps;
    const { signal, accept } = options;
    if (location.type === 'url') {
      return readUrlRunbooks({
        url: location.target,
        reader,
        annotation,
        limits,
        signal,
        accept,
      });
    }
    const catalogLocation = entityCatalogLocation(entity);
    if (!catalogLocation) {
      return problem(
        `${annotation}: dir:${location.target} cannot be resolved: the entity has no ${ANNOTATION_LOCATION} annotation telling where its catalog-info.yaml is`,
        annotation,
      );
    }
    if (catalogLocation.type === 'file') {
      return readLocalRunbooks({
        entityFolder: path.dirname(catalogLocation.target),
        relativeDir: location.target,
        annotation,
        limits,
        accept,
      });
    }
    if (catalogLocation.type === 'url') {
      const folder = this.deps.integrations.resolveUrl({
        url: './',
        base: catalogLocation.target,
      });
      const target = this.deps.integrations.resolveUrl({
        url: location.target,
        base: catalogLocation.target,
      });
      if (!target.startsWith(folder)) {
        return problem(
          `${annotation}: dir:${location.target} leaves the entity's own folder and was not read`,
          annotation,
        );
      }
      return readUrlRunbooks({
        url: target,
        reader,
        annotation,
        limits,
        signal,
        accept,
      });
    }
    return problem(
      `${annotation}: dir:${location.target} cannot be resolved for an entity registered through a ${catalogLocation.type} location`,
      annotation,
    );
  }
}

function entityCatalogLocation(entity: Entity) {
  const annotations = entity.metadata.annotations ?? {};
  const ref =
    annotations[ANNOTATION_LOCATION] ?? annotations[ANNOTATION_ORIGIN_LOCATION];
  if (!ref) return undefined;
  try {
    return parseLocationRef(ref);
  } catch {
    return undefined;
  }
}

function problem(message: string, subject: string): SourceReadResult {
  const entry: RunbookProblem = { level: 'error', subject, message };
  return { files: [], problems: [entry] };
}
