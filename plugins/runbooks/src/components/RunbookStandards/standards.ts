import {
  EntityRunbooks,
  Runbook,
  RunbookStandard,
  runbookFileName,
  runbookSkeleton,
  StandardsResult,
  writeRunbookLink,
  WriteRunbookLink,
} from '@runbooks-for-backstage/plugin-runbooks-common';

/** `5/7`, or undefined when nothing was checked. */
export function formatScore(
  result: Pick<StandardsResult, 'passed' | 'total'> | undefined,
): string | undefined {
  return result && result.total > 0
    ? `${result.passed}/${result.total}`
    : undefined;
}

/** Share of checks passed; 2 (after every score) when nothing was checked. */
export function scoreRatio(
  result: Pick<StandardsResult, 'passed' | 'total'> | undefined,
): number {
  return result && result.total > 0 ? result.passed / result.total : 2;
}

/** Worst first: lowest share of checks passed, then most checks failing. */
export function compareScores(
  a: Pick<StandardsResult, 'passed' | 'total'> | undefined,
  b: Pick<StandardsResult, 'passed' | 'total'> | undefined,
): number {
  return (
    scoreRatio(a) - scoreRatio(b) ||
    (b ? b.total - b.passed : 0) - (a ? a.total - a.passed : 0)
  );
}

/** Where the standard came from, in words. */
export function standardSourceLabel(
  standard: Pick<RunbookStandard, 'source' | 'sourcePath'> & {
    declaredIn?: string;
  },
): string {
  if (standard.source === 'index') {
    return `Declared by ${standard.sourcePath ?? 'the runbook index'}${
      standard.declaredIn ? ` ("${standard.declaredIn}")` : ''
    }`;
  }
  if (standard.source === 'config') return 'From runbooks.standards in config';
  return 'The default standard';
}

/** The names of the required sections a runbook lacks. */
export function missingSections(runbook: Runbook): string[] {
  return (runbook.standards?.checks ?? [])
    .filter(check => !check.passed && check.id.startsWith('section:'))
    .map(check => check.id.slice('section:'.length));
}

/** The folder page of the runbooks location, from a runbook's source URL. */
export function locationFolderUrl(runbooks: Runbook[]): string | undefined {
  for (const runbook of runbooks) {
    const { sourceUrl, path } = runbook;
    if (sourceUrl && sourceUrl.endsWith(`/${path}`)) {
      return sourceUrl.slice(0, -path.length - 1);
    }
  }
  return undefined;
}

/** "Write this runbook" for an alert without one. */
export function writeAlertRunbook(
  data: Pick<EntityRunbooks, 'runbooks' | 'standards'>,
  alert: string,
): WriteRunbookLink | undefined {
  const standard = data.standards?.standard;
  if (!standard) return undefined;
  return writeRunbookLink({
    folderUrl: locationFolderUrl(data.runbooks),
    fileName: runbookFileName(alert),
    skeleton: runbookSkeleton(standard, { title: alert, alert }),
  });
}

/**
 * The sections a runbook lacks, to paste into it, and where to edit it
 * (GitHub and GitLab cannot prefill an edit, so the skeleton is to copy);
 * a runbook an index links to but that does not exist gets a new-file link.
 */
export function writeMissingSections(
  data: Pick<EntityRunbooks, 'runbooks' | 'standards'>,
  runbook: Runbook,
): WriteRunbookLink | undefined {
  const standard = data.standards?.standard;
  const sections = runbook.missing
    ? standard?.sections.map(s => s.name)
    : missingSections(runbook);
  if (!standard || !sections?.length) return undefined;
  if (runbook.missing) {
    const slash = runbook.path.lastIndexOf('/');
    const folder = locationFolderUrl(data.runbooks);
    return writeRunbookLink({
      folderUrl:
        folder && slash > 0
          ? `${folder}/${runbook.path.slice(0, slash)}`
          : folder,
      fileName: runbook.path.slice(slash + 1),
      skeleton: runbookSkeleton(standard, { title: runbook.title }),
    });
  }
  const skeleton = sections.map(name => `## ${name}\n\nTODO\n`).join('\n');
  return {
    fileName: runbook.path.split('/').pop() ?? runbook.path,
    skeleton,
    url: runbook.sourceUrl ? editUrlOf(runbook.sourceUrl) : undefined,
  };
}

/** Where to edit a file shown at a GitHub or GitLab blob URL, if known. */
export function editUrlOf(sourceUrl: string): string | undefined {
  if (/\/-\/blob\//.test(sourceUrl)) {
    return sourceUrl.replace('/-/blob/', '/-/edit/');
  }
  if (/^https:\/\/github\.[^/]+\/[^/]+\/[^/]+\/blob\//.test(sourceUrl)) {
    return sourceUrl.replace(
      /^(https:\/\/[^/]+\/[^/]+\/[^/]+)\/blob\//,
      '$1/edit/',
    );
  }
  return undefined;
}
