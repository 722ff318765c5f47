import { Runbook } from '@runbooks-for-backstage/plugin-runbooks-common';

/**
 * Where a link written in a runbook should go in the portal: relative links to
 * another runbook open that runbook's page, other relative links go to the
 * source repository; absolute links and `#anchors` are left as they are.
 */
export function resolveRunbookHref(
  href: string,
  current: Runbook,
  runbooks: Runbook[],
): string {
  if (!href || /^([a-z][a-z0-9+.-]*:|\/|#)/i.test(href)) return href;
  const hashIndex = href.indexOf('#');
  const path = hashIndex === -1 ? href : href.slice(0, hashIndex);
  const hash = hashIndex === -1 ? '' : href.slice(hashIndex);
  const target = joinPath(current.path, decodeSafely(path.split('?')[0]));
  const linked =
    runbooks.find(r => r.path === target) ??
    runbooks.find(r => r.path.toLowerCase() === target.toLowerCase());
  if (linked) return `${linked.viewUrl}${hash}`;
  if (current.sourceUrl) {
    try {
      return new URL(href, current.sourceUrl).toString();
    } catch {
      return href;
    }
  }
  return href;
}

function joinPath(from: string, relative: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const segment of relative.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment && segment !== '.') parts.push(segment);
  }
  return parts.join('/');
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
