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
import { SourceBudget } from './budget';
import { HostBackoff } from './hostBackoff';
import { readLocalRunbooks } from './readLocalRunbooks';
import { readUrlRunbooks } from './readUrlRunbooks';
import { FileFilter, SourceLimits, SourceReadResult } from './types';
import {
  decodedSegments,
  isUrlInside,
  parseSafeUrl,
  repositoryOf,
  SafeUrl,
} from './urlPaths';

/**
 * Where `url:` locations may point besides the entity's own repository
 * (`runbooks.sources.allow`): a host (any path on it) or a URL prefix,
 * compared by path segment.
 */
export type SourceAllowRule = { host: string } | { prefix: SafeUrl };

/** Reads `runbooks.sources.allow` entries; a bad one fails at startup. */
export function parseSourceAllowRule(entry: string): SourceAllowRule {
  const text = entry.trim();
  if (!text.includes('://')) {
    if (!/^[a-z0-9.-]+(:\d+)?$/i.test(text)) {
      throw new Error(
        `runbooks.sources.allow: "${entry}" is neither a host name (github.com) nor a URL prefix (https://github.com/acme/)`,
      );
    }
    return { host: text.toLowerCase() };
  }
  const prefix = parseSafeUrl(text);
  if (!prefix) {
    throw new Error(
      `runbooks.sources.allow: "${entry}" is not an http(s) URL without dot segments`,
    );
  }
  return { prefix };
}

/** Reads runbook files from wherever an entity's annotation points. */
export class RunbookSourceReader {
  constructor(
    private readonly deps: {
      reader: UrlReaderService;
      integrations: ScmIntegrationRegistry;
      limits: SourceLimits;
      /** `runbooks.sources.allow`; the entity's own repository is always allowed. */
      allow?: SourceAllowRule[];
      /** Per-host waits after rate-limited answers; none when not given. */
      backoff?: HostBackoff;
    },
  ) {}

  /** A fresh budget for one entity, to share between its reads. */
  budget(): SourceBudget {
    return new SourceBudget(this.deps.limits);
  }

  /**
   * Reads one location of an entity (markdown files unless `accept` says otherwise). `dir:` is resolved against the folder of
   * the entity's catalog-info.yaml, whether that is a file or a URL, and may not
   * leave that folder.
   */
  async read(
    entity: Entity,
    location: RunbooksLocation,
    annotation: string,
    options: {
      signal?: AbortSignal;
      accept?: FileFilter;
      /** The entity's budget, shared by all its reads; a fresh one when not given. */
      budget?: SourceBudget;
      /** The `etag` the last read of this location answered (remote locations only). */
      etag?: string;
    } = {},
  ): Promise<SourceReadResult> {
    const { reader, backoff } = this.deps;
    const { signal, accept, etag } = options;
    const budget = options.budget ?? this.budget();
    const catalogLocation = entityCatalogLocation(entity);
    if (location.type === 'url') {
      const target = parseSafeUrl(location.target);
      if (!target) {
        return problem(
          `${annotation}: url:${location.target} is not an http(s) URL without dot segments and was not read`,
          annotation,
        );
      }
      if (!this.isAllowed(target, catalogLocation)) {
        return problem(
          `${annotation}: url:${location.target} is outside this entity's own repository and the sources this portal allows (runbooks.sources.allow); not read`,
          annotation,
        );
      }
      return readUrlRunbooks({
        url: target.url.toString(),
        reader,
        annotation,
        budget,
        signal,
        accept,
        etag,
        backoff,
      });
    }
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
        budget,
        accept,
      });
    }
    if (catalogLocation.type === 'url') {
      const target = this.resolveInsideFolder(
        location.target,
        catalogLocation.target,
      );
      if (!target) {
        return problem(
          `${annotation}: dir:${location.target} leaves the entity's own folder and was not read`,
          annotation,
        );
      }
      return readUrlRunbooks({
        url: target,
        reader,
        annotation,
        budget,
        signal,
        accept,
        etag,
        backoff,
      });
    }
    return problem(
      `${annotation}: dir:${location.target} cannot be resolved for an entity registered through a ${catalogLocation.type} location`,
      annotation,
    );
  }

  /**
   * `dir:` under a URL-registered entity: the resolved URL when it stays in
   * the folder of catalog-info.yaml, compared by decoded path segment so that
   * no encoding of `..` gets out.
   */
  private resolveInsideFolder(
    relative: string,
    catalogUrl: string,
  ): string | undefined {
    if (decodedSegmentsOfRelative(relative) === undefined) return undefined;
    let folderText: string;
    let targetText: string;
    try {
      folderText = this.deps.integrations.resolveUrl({
        url: './',
        base: catalogUrl,
      });
      targetText = this.deps.integrations.resolveUrl({
        url: relative,
        base: catalogUrl,
      });
    } catch {
      return undefined;
    }
    const folder = parseSafeUrl(folderText);
    const target = parseSafeUrl(targetText);
    if (!folder || !target || !isUrlInside(folder, target)) return undefined;
    return target.url.toString();
  }

  private isAllowed(
    target: SafeUrl,
    catalogLocation: ReturnType<typeof entityCatalogLocation>,
  ): boolean {
    if (catalogLocation?.type === 'url') {
      const own = parseSafeUrl(catalogLocation.target);
      if (
        own &&
        isUrlInside(repositoryOf(own, this.deps.integrations), target, {
          anyQuery: true,
        })
      ) {
        return true;
      }
    }
    return (this.deps.allow ?? []).some(rule =>
      'host' in rule
        ? rule.host === target.url.host.toLowerCase()
        : isUrlInside(rule.prefix, target, { anyQuery: true }),
    );
  }
}

/** A relative `dir:` target may climb inside its folder (`a/../b`) but no segment may hide a dot segment behind encoding. */
function decodedSegmentsOfRelative(relative: string): string[] | undefined {
  // An absolute URL is checked once resolved, like everything else.
  if (/^[a-z][a-z0-9+.-]*:/i.test(relative) || relative.startsWith('//')) {
    return [];
  }
  const segments: string[] = [];
  for (const raw of relative.split(/[/\\]/)) {
    if (raw === '' || raw === '.') continue;
    if (raw === '..') {
      if (!segments.length) return undefined;
      segments.pop();
      continue;
    }
    const decoded = decodedSegments(raw);
    if (!decoded) return undefined;
    segments.push(...decoded);
  }
  return segments;
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
