import { ScmIntegrationRegistry } from '@backstage/integration';

/** Rounds of percent-decoding before a segment that still decodes is refused. */
const DECODE_ROUNDS = 3;

/**
 * A URL's path segments, each percent-decoded until it no longer changes, or
 * `undefined` when a segment hides a dot segment, a separator or a control
 * character behind any encoding (`%2e%2e`, `%252e%252e`, `..%2f`, `%5c`):
 * whatever a server or integration decodes later, the segments compared here
 * are the ones it reaches.
 */
export function decodedSegments(pathname: string): string[] | undefined {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    let segment = raw;
    for (let round = 0; ; round++) {
      const decoded = safeDecode(segment);
      if (decoded === segment) break;
      if (round === DECODE_ROUNDS) return undefined;
      segment = decoded;
    }
    if (segment === '.' || segment === '..') return undefined;
    // eslint-disable-next-line no-control-regex
    if (/[/\\\u0000-\u001f\u007f]/.test(segment)) return undefined;
    if (segment) segments.push(segment);
  }
  return segments;
}

/** A parsed http(s) URL with its decoded path segments, or `undefined` when it is not one or hides a dot segment. */
export type SafeUrl = {
  url: URL;
  segments: string[];
  /** Decoded segments of a `path` query parameter (Azure DevOps puts the file path there). */
  querySegments?: string[];
};

/** Parses a URL for comparison by path segment; `undefined` for anything that is not a plain http(s) URL. */
export function parseSafeUrl(text: string): SafeUrl | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  const segments = decodedSegments(url.pathname);
  if (!segments) return undefined;
  const pathParam = url.searchParams.get('path');
  let querySegments: string[] | undefined;
  if (pathParam !== null) {
    querySegments = decodedSegments(pathParam);
    if (!querySegments) return undefined;
  }
  return { url, segments, querySegments };
}

/**
 * True when `target` lies at or under `folder`: same origin, the folder's
 * path segments a prefix of the target's (compared decoded, never as
 * strings), and the same query apart from an Azure-style `path` parameter,
 * which is compared by segment too. `anyQuery` leaves the query out (a
 * repository or host allowed whatever the branch).
 */
export function isUrlInside(
  folder: SafeUrl,
  target: SafeUrl,
  options: { anyQuery?: boolean } = {},
): boolean {
  if (folder.url.origin !== target.url.origin) return false;
  if (!isPrefix(folder.segments, target.segments)) return false;
  if (options.anyQuery) return true;
  const keys = new Set([
    ...folder.url.searchParams.keys(),
    ...target.url.searchParams.keys(),
  ]);
  for (const key of keys) {
    if (key === 'path') continue;
    if (
      folder.url.searchParams.getAll(key).join('\n') !==
      target.url.searchParams.getAll(key).join('\n')
    ) {
      return false;
    }
  }
  if (folder.querySegments) {
    return (
      target.querySegments !== undefined &&
      isPrefix(folderOfPath(folder.querySegments), target.querySegments)
    );
  }
  return target.querySegments === undefined;
}

function isPrefix(prefix: string[], segments: string[]): boolean {
  return (
    prefix.length <= segments.length &&
    prefix.every((segment, i) => segment === segments[i])
  );
}

/** A `path` query parameter names a file (catalog-info.yaml); its folder is what is compared. */
function folderOfPath(segments: string[]): string[] {
  const last = segments[segments.length - 1];
  return last && /\.[A-Za-z0-9]+$/.test(last)
    ? segments.slice(0, -1)
    : segments;
}

/** How many leading path segments name the repository, per kind of SCM host. */
const REPOSITORY_SEGMENTS: Record<
  string,
  (segments: string[]) => number | undefined
> = {
  github: () => 2,
  gitea: () => 2,
  bitbucketCloud: () => 2,
  gitlab: segments => {
    const dash = segments.indexOf('-');
    return dash > 0 ? dash : undefined;
  },
  azure: segments => {
    const git = segments.indexOf('_git');
    return git >= 0 ? git + 2 : undefined;
  },
  bitbucketServer: segments =>
    segments[0] === 'projects' && segments[2] === 'repos' ? 4 : undefined,
};

/**
 * The repository a URL lies in (`https://github.com/acme/ops/` for any file
 * of acme/ops), for the SCM hosts whose URL shape tells; otherwise the URL's
 * own folder.
 */
export function repositoryOf(
  location: SafeUrl,
  integrations: ScmIntegrationRegistry,
): SafeUrl {
  const type = integrations.byUrl(location.url)?.type;
  const count = type
    ? REPOSITORY_SEGMENTS[type]?.(location.segments)
    : undefined;
  const segments =
    count !== undefined && count <= location.segments.length
      ? location.segments.slice(0, count)
      : location.segments.slice(0, -1);
  const url = new URL(location.url.origin);
  url.pathname = `/${segments.map(encodeURIComponent).join('/')}/`;
  return { url, segments };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
