import {
  EntitySnapshot,
  isRunbookIndexFile,
  RunbookProblem,
  RUNBOOKS_ALERTS_ANNOTATION,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { findLine } from './findLine';
import {
  annotationLine,
  EntityFiles,
  EntityScope,
  LocalFile,
  report,
} from './entityScope';

/**
 * Every problem of the snapshot, with the portal's message, placed at the
 * file and line it is about where that can be told.
 */
export function reportSnapshotProblems(
  scope: EntityScope,
  snapshot: EntitySnapshot,
  files: EntityFiles,
) {
  for (const problem of snapshot.problems) {
    // Runbooks behind a url: are not read here, so a mapping to one would look wrong.
    if (
      !files.read &&
      files.unseen &&
      problem.subject === RUNBOOKS_ALERTS_ANNOTATION &&
      problem.message.endsWith('which is not a runbook of this entity')
    ) {
      continue;
    }
    report(scope, problem.level, problem.message, {
      ...locateProblem(scope, problem, files),
      subject: problem.subject,
    });
  }
}

function locateProblem(
  scope: EntityScope,
  problem: RunbookProblem,
  files: EntityFiles,
): { file?: string; line?: number } {
  const subject = problem.subject;
  const indexes = (location: LocalFile[]) =>
    location.filter(f => isRunbookIndexFile(f.path));
  if (subject && /^The runbook index links to /.test(problem.message)) {
    // The index that links to it, in a location where the file is absent.
    const name = subject.split('/').pop()!;
    const lacking = files.locations.filter(
      location => !location.some(f => f.path === subject),
    );
    for (const index of lacking.flatMap(indexes)) {
      const line = findLine(
        index.content,
        text =>
          text.includes('](') &&
          (text.includes(name) || text.includes(encodeURI(name))),
      );
      if (line) return { file: index.absolute, line };
    }
  }
  const alert = /^Alert (\S+) is mapped/.exec(problem.message)?.[1];
  if (alert && subject === 'the runbook index') {
    for (const index of files.locations.flatMap(indexes)) {
      const line = findLine(index.content, text => text.includes(alert));
      if (line) return { file: index.absolute, line };
    }
  }
  const file =
    subject !== undefined
      ? [...files.locations.flat(), ...files.ruleFiles].find(
          f => f.path === subject,
        )
      : undefined;
  if (file) {
    const key = /front matter "([^"]+)"/.exec(problem.message)?.[1];
    return {
      file: file.absolute,
      line: key ? frontMatterLine(file.content, key) : undefined,
    };
  }
  return { line: annotationLine(scope, subject) };
}

function frontMatterLine(content: string, key: string): number | undefined {
  const escaped = escapeRegExp(key);
  const pattern = new RegExp(`^\\s*["']?${escaped}["']?\\s*:`);
  return findLine(content, line => pattern.test(line));
}

/** `text` as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
