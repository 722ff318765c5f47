import { RunbookStandard } from './types';

/**
 * A markdown skeleton of a standard's sections, titled with the alert's name
 * when it is for an alert.
 *
 * @public
 */
export function runbookSkeleton(
  standard: Pick<RunbookStandard, 'sections' | 'requirements'>,
  options: { title: string; alert?: string; sections?: string[] },
): string {
  const names = options.sections ?? standard.sections.map(s => s.name);
  const lines = [`# ${options.title}`, ''];
  if (options.alert) lines.push(`Alert: \`${options.alert}\``, '');
  if (standard.requirements.includes('review')) {
    lines.push('Last reviewed: YYYY-MM-DD', 'Reviewed by: @you', '');
  }
  for (const name of names) lines.push(`## ${name}`, '', 'TODO', '');
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * Where to write a runbook: the source host's new-file page prefilled with
 * the skeleton (GitHub, GitLab), or just the skeleton to copy.
 *
 * @public
 */
export type WriteRunbookLink = {
  /** The host's new-file page with the file name and text filled in; absent for other hosts. */
  url?: string;
  host?: 'github' | 'gitlab';
  fileName: string;
  skeleton: string;
};

/**
 * A link that opens a new file in the runbooks folder, prefilled:
 * GitHub `…/new/<branch>/<dir>?filename=…&value=…`, GitLab
 * `…/-/new/<branch>/<dir>?file_name=…&content=…`. `folderUrl` is the
 * folder's page on the host (`…/tree/<branch>/<dir>`); any other URL, or
 * none, gives the skeleton without a link.
 *
 * @public
 */
export function writeRunbookLink(options: {
  folderUrl?: string;
  fileName: string;
  skeleton: string;
}): WriteRunbookLink {
  const { fileName, skeleton } = options;
  const base = { fileName, skeleton };
  let url: URL;
  try {
    url = new URL(options.folderUrl ?? '');
  } catch {
    return base;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return base;
  const parts = url.pathname.split('/').filter(Boolean);
  const gitlab = parts.indexOf('-');
  if (gitlab >= 2 && ['tree', 'blob'].includes(parts[gitlab + 1])) {
    const [branch, ...dir] = parts.slice(gitlab + 2);
    if (!branch) return base;
    const target = new URL(url.origin);
    target.pathname = [...parts.slice(0, gitlab), '-', 'new', branch, ...dir]
      .map(p => encodeURIComponent(decodeURIComponent(p)))
      .join('/');
    target.searchParams.set('file_name', fileName);
    target.searchParams.set('content', skeleton);
    return { ...base, host: 'gitlab', url: target.toString() };
  }
  if (
    /(^|\.)github\.com$|^github\./.test(url.hostname) &&
    parts.length >= 4 &&
    ['tree', 'blob'].includes(parts[2])
  ) {
    const [owner, repo, , branch, ...dir] = parts;
    const target = new URL(url.origin);
    target.pathname = [owner, repo, 'new', branch, ...dir]
      .map(p => encodeURIComponent(decodeURIComponent(p)))
      .join('/');
    target.searchParams.set('filename', fileName);
    target.searchParams.set('value', skeleton);
    return { ...base, host: 'github', url: target.toString() };
  }
  return base;
}

/** A file name for an alert's runbook: `HighErrorRate` → `high-error-rate.md`. */
export function runbookFileName(alert: string): string {
  const slug = alert
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return `${slug || 'runbook'}.md`;
}
