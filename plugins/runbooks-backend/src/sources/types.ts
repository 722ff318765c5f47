import {
  RunbookFile,
  RunbookProblem,
} from '@runbooks-for-backstage/plugin-runbooks-common';

/** A markdown file read from a runbooks location (shared with runbooks-common's snapshot builder). */
export type { RunbookFile } from '@runbooks-for-backstage/plugin-runbooks-common';

/** The files of one location, and what went wrong reading them. */
export type SourceReadResult = {
  files: RunbookFile[];
  problems: RunbookProblem[];
  /** Set when the source could not be reached at all (network, host, permissions). */
  unreachable?: string;
  /** What identifies this version of the source (commit SHA, ETag), when the reader tells. */
  etag?: string;
  /** The source answered that nothing changed since `etag`; `files` is empty. */
  notModified?: boolean;
  /**
   * Not read because the source's host is rate limited (it answered 429 or a
   * rate-limited 403, now or earlier): try again later, keep what is stored.
   */
  deferred?: string;
};

/** Limits that keep one entity's sources from exhausting the backend, over all its locations. */
export type SourceLimits = {
  maxFilesPerEntity: number;
  maxFileBytes: number;
  maxBytesPerEntity: number;
};

/** Which files of a folder a reader keeps, by their path. */
export type FileFilter = (path: string) => boolean;

export {
  isMarkdownPath,
  isYamlPath,
} from '@runbooks-for-backstage/plugin-runbooks-node';
