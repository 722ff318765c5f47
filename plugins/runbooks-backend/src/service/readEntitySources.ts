import { createHash } from 'node:crypto';
import { Entity } from '@backstage/catalog-model';
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
import { RunbookSourceReader } from '../sources/readEntityRunbooks';
import { isYamlPath, RunbookFile, SourceReadResult } from '../sources/types';
import { entityKey } from './entityRefs';

/** An entity's sources as read, before anything is parsed. */
export type SourcesRead = {
  input: Omit<Parameters<typeof buildEntitySnapshot>[0], 'now' | 'previousIds'>;
  /**
   * sha256 of what the snapshot is built from; a remote location that names
   * its version (`etag`) counts by that version, so an unchanged source
   * hashes the same whether it was downloaded or answered "not modified".
   */
  hash: string;
  unreachable: string[];
  /** Sources not read because their host is rate limited. */
  deferred: string[];
  /** The etag of each remote location that gave one, by location key. */
  etags: Record<string, string>;
  /** True when a location answered "not modified": `input` lacks its files. */
  notModified: boolean;
};

/**
 * Reads every location an entity's annotations name, once each, sharing one
 * budget. With `etags` (from the last read), remote locations are asked
 * whether they changed; `beforeRemoteRead` paces remote reads.
 */
export async function readEntitySources(
  sources: RunbookSourceReader,
  entity: Entity,
  options: {
    etags?: Record<string, string>;
    beforeRemoteRead?: () => Promise<void>;
    /** Joins the hash, so that another version of the parser reads everything again. */
    version: string;
  },
): Promise<SourcesRead> {
  const annotations = entity.metadata.annotations ?? {};
  // Annotation problems are reported by buildEntitySnapshot's validation.
  const parsed = parseLocationAnnotation(
    annotations[RUNBOOKS_LOCATION_ANNOTATION],
  );
  const problems: RunbookProblem[] = [];
  const locations: LocationFiles[] = [];
  const ruleFiles: RunbookFile[] = [];
  const unreachable: string[] = [];
  const deferred: string[] = [];
  const etags: Record<string, string> = {};
  // What the snapshot depends on, location by location: an etag stands for
  // the files and the problems reading them gave.
  const versions: Array<
    string | { files: RunbookFile[]; problems: RunbookProblem[] }
  > = [];
  let notModified = false;
  // One budget for everything the entity names, however many locations.
  const budget = sources.budget?.();
  const readAll = async (
    annotation: string,
    list: RunbooksLocation[],
    collect: (result: SourceReadResult) => void,
    accept?: (path: string) => boolean,
  ) => {
    for (const location of distinctLocations(list, annotation, problems)) {
      const key = `${annotation}|${location.type}:${locationKey(location)}`;
      if (options.beforeRemoteRead && isRemote(entity, location)) {
        await options.beforeRemoteRead();
      }
      const result = await sources.read(entity, location, annotation, {
        budget,
        accept,
        etag: options.etags?.[key],
      });
      problems.push(...result.problems);
      if (result.unreachable) unreachable.push(result.unreachable);
      if (result.deferred) deferred.push(result.deferred);
      if (result.notModified) notModified = true;
      if (result.etag) {
        etags[key] = result.etag;
        versions.push(`${key}@${result.etag}`);
      } else {
        versions.push({ files: result.files, problems: result.problems });
      }
      collect(result);
    }
  };
  await readAll(RUNBOOKS_LOCATION_ANNOTATION, parsed.value, result =>
    locations.push({ files: result.files }),
  );
  if (annotations[RUNBOOKS_ALERT_RULES_ANNOTATION]) {
    const rules = parseLocationAnnotation(
      annotations[RUNBOOKS_ALERT_RULES_ANNOTATION],
      RUNBOOKS_ALERT_RULES_ANNOTATION,
    );
    await readAll(
      RUNBOOKS_ALERT_RULES_ANNOTATION,
      rules.value,
      result => ruleFiles.push(...result.files),
      isYamlPath,
    );
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
    .update(
      JSON.stringify({
        version: options.version,
        entityRef: input.entityRef,
        entityTitle: input.entityTitle,
        owner: input.owner,
        annotations,
        versions,
      }),
    )
    .digest('hex');
  return { input, hash, unreachable, deferred, etags, notModified };
}

/** True for a location read through the UrlReader (a `url:`, or a `dir:` under a URL-registered entity). */
function isRemote(entity: Entity, location: RunbooksLocation): boolean {
  if (location.type === 'url') return true;
  const annotations = entity.metadata.annotations ?? {};
  const ref =
    annotations['backstage.io/managed-by-location'] ??
    annotations['backstage.io/managed-by-origin-location'];
  return typeof ref === 'string' && ref.startsWith('url:');
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
