import fs from 'node:fs/promises';
import path from 'node:path';
import { parseCatalogFile } from './catalogFile';
import { Finding, LintReport, toReport } from './findings';
import { LintContext, lintEntity } from './lintEntity';
import { DEFAULT_PORTAL_SETTINGS, PortalSettings } from './portalConfig';

/**
 * Options of {@link lintCatalogFile}.
 *
 * @public
 */
export type LintOptions = {
  /** Paths in findings are relative to this folder. Default: the process's. */
  cwd?: string;
  /** The time review status is computed at. Default: now. */
  now?: Date;
  /** A runbook missing a required section of its standard is an error (exit code 1), not a warning. */
  strictStandards?: boolean;
  /** The portal's `runbooks.*` settings (see {@link readPortalSettings}); default: the portal's defaults. */
  portal?: PortalSettings;
};

/**
 * Lints a catalog-info.yaml (every YAML document in it) and what its
 * entities' runbooks annotations point at on disk. Local targets of Location
 * entities are followed.
 *
 * @public
 */
export async function lintCatalogFile(
  file: string,
  options: LintOptions = {},
): Promise<LintReport> {
  const context = {
    cwd: options.cwd ?? process.cwd(),
    now: options.now ?? new Date(),
    strictStandards: options.strictStandards,
    portal: options.portal ?? DEFAULT_PORTAL_SETTINGS,
  };
  const findings: Finding[] = [];
  await lintFile(path.resolve(context.cwd, file), context, findings, new Set());
  return toReport(findings);
}

async function lintFile(
  file: string,
  context: LintContext,
  findings: Finding[],
  visited: Set<string>,
) {
  const real = await fs.realpath(file);
  if (visited.has(real)) return;
  visited.add(real);
  const shown = path.relative(context.cwd, file).split(path.sep).join('/');
  const { documents, errors } = parseCatalogFile(
    await fs.readFile(file, 'utf8'),
  );
  for (const error of errors) {
    findings.push({
      level: 'error',
      file: shown,
      ...(error.line ? { line: error.line } : {}),
      message: `not valid YAML: ${error.message}`,
    });
  }
  let withRunbooks = 0;
  let others = 0;
  for (const document of documents) {
    const entity = document.data as any;
    const kind = entity?.kind;
    const name = entity?.metadata?.name;
    if (typeof kind !== 'string' || typeof name !== 'string') {
      findings.push({
        level: 'warning',
        file: shown,
        line: document.line,
        message:
          'this YAML document is not a catalog entity (it needs kind and metadata.name); skipped',
      });
      continue;
    }
    const ref = `${kind.toLowerCase()}:${
      entity.metadata.namespace ?? 'default'
    }/${name}`;
    if (kind === 'Location') {
      await followLocation(entity, ref, file, context, findings, visited);
      continue;
    }
    others++;
    const raw = entity.metadata.annotations ?? {};
    const annotations: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (!key.startsWith('runbooks/')) continue;
      if (typeof value !== 'string') {
        findings.push({
          level: 'error',
          file: shown,
          line: document.annotationLine(key) ?? document.line,
          message: `Annotation ${key} must be a string (quote it); the catalog rejects other values`,
          subject: key,
          entity: ref,
        });
        continue;
      }
      annotations[key] = value;
    }
    if (!Object.keys(annotations).length) continue;
    withRunbooks++;
    findings.push(
      ...(await lintEntity(
        { ref, annotations, catalogFile: file, document },
        context,
      )),
    );
  }
  if (others > 0 && withRunbooks === 0) {
    findings.push({
      level: 'info',
      file: shown,
      message:
        'no entity in this file has runbooks/* annotations; add runbooks/location to turn the runbooks plugin on',
    });
  }
}

async function followLocation(
  entity: any,
  ref: string,
  file: string,
  context: LintContext,
  findings: Finding[],
  visited: Set<string>,
) {
  const shown = path.relative(context.cwd, file).split(path.sep).join('/');
  const targets = [
    ...(Array.isArray(entity.spec?.targets) ? entity.spec.targets : []),
    ...(entity.spec?.target ? [entity.spec.target] : []),
  ].filter((target): target is string => typeof target === 'string');
  for (const target of targets) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.includes('*')) {
      findings.push({
        level: 'info',
        file: shown,
        message: `Location target ${target} is not followed (only local files without globs are)`,
        entity: ref,
      });
      continue;
    }
    const next = path.resolve(path.dirname(file), target);
    try {
      await fs.access(next);
    } catch {
      findings.push({
        level: 'warning',
        file: shown,
        message: `Location target ${target} does not exist`,
        subject: target,
        entity: ref,
      });
      continue;
    }
    await lintFile(next, context, findings, visited);
  }
}
