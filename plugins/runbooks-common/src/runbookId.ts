/**
 * A URL-safe, stable id for a runbook from its path inside the runbooks
 * location: `kubernetes/KubePodCrashLooping.md` -> `kubernetes-kubepodcrashlooping`.
 *
 * @public
 */
export function runbookIdFromPath(path: string): string {
  const id = path
    .replace(/\.(md|markdown)$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || 'runbook';
}
