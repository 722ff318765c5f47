import { UrlReaderService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { Readable } from 'node:stream';
import { SourceBudget } from './budget';
import { HostBackoff, isRateLimitError } from './hostBackoff';
import { FileFilter, isMarkdownPath, SourceReadResult } from './types';

/** How long one source may take before it counts as unreachable. */
const SOURCE_TIMEOUT_MS = 60_000;

/**
 * Reads runbooks at a URL through Backstage's UrlReader: one markdown file, or
 * every markdown file of a folder (a tree in the SCM). Bodies are streamed and
 * cut off at the entity's budget, so no source is ever held whole in memory.
 * Given the `etag` of the last read, a source that did not change answers
 * `notModified` without its files (GitHub: one commit lookup, no archive).
 */
export async function readUrlRunbooks(options: {
  url: string;
  reader: UrlReaderService;
  annotation: string;
  budget: SourceBudget;
  signal?: AbortSignal;
  /** Which files to read; markdown by default. */
  accept?: FileFilter;
  /** The `etag` of the last read of this URL. */
  etag?: string;
  /** Per-host waits after rate-limited answers. */
  backoff?: HostBackoff;
}): Promise<SourceReadResult> {
  const { url, reader, annotation, budget, signal, etag, backoff } = options;
  const { limits } = budget;
  const accept = options.accept ?? isMarkdownPath;
  const result: SourceReadResult = { files: [], problems: [] };
  const unreachable = (error: unknown): SourceReadResult => ({
    files: [],
    unreachable: `${url}: ${errorText(error)}`,
    problems: [
      {
        level: 'error',
        subject: annotation,
        message: `${annotation}: could not read ${url}: ${errorText(error)}`,
      },
    ],
  });
  const fail = async (error: unknown): Promise<SourceReadResult> => {
    if (isError(error) && error.name === 'NotModifiedError') {
      backoff?.succeeded(url);
      return { files: [], problems: [], notModified: true, etag };
    }
    if (backoff && isRateLimitError(error)) {
      const until = await backoff.limited(url);
      return deferred(url, until);
    }
    return unreachable(error);
  };
  if (budget.exhausted()) return result;
  const blocked = backoff?.blockedUntil(url);
  if (blocked !== undefined) return deferred(url, blocked);

  if (accept(new URL(url).pathname)) {
    try {
      const response = await reader.readUrl(url, {
        signal: signal ?? AbortSignal.timeout(SOURCE_TIMEOUT_MS),
        etag,
      });
      backoff?.succeeded(url);
      result.etag = response.etag;
      const name = safeDecode(new URL(url).pathname.split('/').pop()!);
      const maxBytes = budget.maxNextFileBytes;
      const content = await readCapped(response, maxBytes);
      if (content === undefined) {
        if (maxBytes < limits.maxFileBytes) budget.refuseBytes();
        else result.problems.push(tooLarge(name, limits.maxFileBytes));
        return result;
      }
      if (!budget.take(content.length)) return result;
      result.files.push({
        path: name,
        content: content.toString('utf8'),
        sourceUrl: url,
      });
      return result;
    } catch (error) {
      return fail(error);
    }
  }

  try {
    const tooBig: string[] = [];
    const sized = new Set<string>();
    // The filter runs while the tree streams in: files past the budget are never kept.
    const tree = await reader.readTree(url, {
      signal: signal ?? AbortSignal.timeout(SOURCE_TIMEOUT_MS),
      etag,
      filter: (path, info) => {
        if (!accept(path)) return false;
        if (info !== undefined && info.size > limits.maxFileBytes) {
          tooBig.push(path);
          return false;
        }
        if (!budget.take(info?.size ?? 0)) return false;
        if (info !== undefined) sized.add(path);
        return true;
      },
    });
    const files = (await tree.files()).sort((a, b) =>
      a.path.localeCompare(b.path),
    );
    backoff?.succeeded(url);
    result.etag = tree.etag || undefined;
    const base = url.endsWith('/') ? url : `${url}/`;
    for (const file of files) {
      const content = await file.content();
      if (content.length > limits.maxFileBytes) {
        tooBig.push(file.path);
        continue;
      }
      if (!sized.has(file.path) && !budget.addBytes(content.length)) continue;
      result.files.push({
        path: file.path,
        content: content.toString('utf8'),
        sourceUrl: new URL(
          file.path.split('/').map(encodeURIComponent).join('/'),
          base,
        ).toString(),
      });
    }
    for (const path of tooBig.sort()) {
      result.problems.push(tooLarge(path, limits.maxFileBytes));
    }
    return result;
  } catch (error) {
    return fail(error);
  }
}

function deferred(url: string, until: number): SourceReadResult {
  return {
    files: [],
    problems: [],
    deferred: `${url}: rate limited; not read before ${new Date(
      until,
    ).toISOString()}`,
  };
}

/** A response's body, or `undefined` as soon as it passes `maxBytes`. */
async function readCapped(
  response: { buffer(): Promise<Buffer>; stream?(): Readable },
  maxBytes: number,
): Promise<Buffer | undefined> {
  if (!response.stream) {
    const buffer = await response.buffer();
    return buffer.length > maxBytes ? undefined : buffer;
  }
  const stream = response.stream();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    total += buffer.length;
    if (total > maxBytes) {
      stream.destroy();
      return undefined;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function tooLarge(what: string, maxFileBytes: number) {
  return {
    level: 'warning' as const,
    subject: what,
    message: `${what} is over the ${maxFileBytes} byte limit (runbooks.limits.maxFileBytes); not read`,
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
