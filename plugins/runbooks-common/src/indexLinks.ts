/**
 * Normalises a slash-separated path, resolving `.` and `..`. Returns undefined
 * when the path climbs above its root.
 *
 * @public
 */
export function normalizeRelativePath(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!parts.length) return undefined;
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts.join('/');
}

/**
 * The runbook a link of an index names: a markdown file inside the folder,
 * never another site, an absolute path or a path that leaves the folder.
 */
export function resolveIndexLink(
  href: string,
  folder: string,
): { path: string; anchor?: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//'))
    return undefined;
  if (href.startsWith('/') || href.startsWith('#')) return undefined;
  const [rawPath, anchor] = href.split('#', 2);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  // `javascript%3Ax.md` decodes to a scheme: not a file of the folder either.
  if (/^[a-z][a-z0-9+.-]*:/i.test(decoded)) return undefined;
  if (!/\.(md|markdown)$/i.test(decoded)) return undefined;
  const path = normalizeRelativePath(folder ? `${folder}/${decoded}` : decoded);
  if (!path) return undefined;
  return { path, anchor: anchor || undefined };
}
