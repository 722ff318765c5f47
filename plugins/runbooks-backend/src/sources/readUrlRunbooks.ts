import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  FileFilter,
  isMarkdownPath,
  SourceLimits,
  SourceReadResult,
} from './types';

/** How long one source may take before it counts as unreachable. */
const SOURCE_TIMEOUT_MS = 60_000;

/**
 * Reads runbooks at a URL through Backstage's UrlReader: one markdown file, or
 * every markdown file of a folder (a tree in the SCM).
 */
export async function readUrlRunbooks(options: {
  url: string;
  reader: UrlReaderService;
  annotation: string;
  limits: SourceLimits;
  signal?: AbortSignal;
  /** Which files to read; markdown by default. */
  accept?: FileFilter;
}): Promise<SourceReadResult> {
  const { url, reader, annotation, limits, signal } = options;
  const accept = options.accept ?? isMarkdownPath;
  const result: SourceReadResult = { files: [], problems: [] };
  const fail = (error: unknown): SourceReadResult => ({
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

  if (accept(new URL(url).pathname)) {
    try {
      const response = await reader.readUrl(url, {
        signal: signal ?? AbortSignal.timeout(SOURCE_TIMEOUT_MS),
      });
      const buffer = await response.buffer();
      if (buffer.length > limits.maxFileBytes) {
        return {
          files: [],
          problems: [tooLarge(url, buffer.length, limits)],
        };
      }
      const name = decodeURIComponent(new URL(url).pathname.split('/').pop()!);
      result.files.push({
        path: name,
        content: buffer.toString('utf8'),
        sourceUrl: url,
      });
      return result;
    } catch (error) {
      return fail(error);
    }
  }

  try {
    const tree = await reader.readTree(url, {
      signal: signal ?? AbortSignal.timeout(SOURCE_TIMEOUT_MS),
      filter: (path, info) =>
        accept(path) &&
        (info === undefined || info.size <= limits.maxFileBytes),
    });
    const files = (await tree.files()).sort((a, b) =>
      a.path.localeCompare(b.path),
    );
    if (files.length > limits.maxFilesPerEntity) {
      result.problems.push({
        level: 'warning',
        subject: annotation,
        message: `More than ${limits.maxFilesPerEntity} files at ${url}; the rest were not read (runbooks.limits.maxFilesPerEntity)`,
      });
    }
    const base = url.endsWith('/') ? url : `${url}/`;
    for (const file of files.slice(0, limits.maxFilesPerEntity)) {
      const content = await file.content();
      if (content.length > limits.maxFileBytes) {
        result.problems.push(tooLarge(file.path, content.length, limits));
        continue;
      }
      result.files.push({
        path: file.path,
        content: content.toString('utf8'),
        sourceUrl: new URL(
          file.path.split('/').map(encodeURIComponent).join('/'),
          base,
        ).toString(),
      });
    }
    return result;
  } catch (error) {
    return fail(error);
  }
}

function tooLarge(what: string, size: number, limits: SourceLimits) {
  return {
    level: 'warning' as const,
    subject: what,
    message: `${what} is ${size} bytes, over the ${limits.maxFileBytes} byte limit (runbooks.limits.maxFileBytes); not read`,
  };
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
