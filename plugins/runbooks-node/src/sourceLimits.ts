/**
 * What the portal reads of one entity's sources by default
 * (`runbooks.limits.*`), so that the lint CLI checks what the portal reads.
 */
export const DEFAULT_SOURCE_LIMITS = {
  maxFilesPerEntity: 500,
  maxFileBytes: 1_048_576,
  maxBytesPerEntity: 16_777_216,
  maxAlertsPerEntity: 2_000,
  maxProblemsPerEntity: 200,
} as const;

/** True for the markdown files a runbooks folder may hold. */
export function isMarkdownPath(path: string): boolean {
  return /\.(md|markdown)$/i.test(path);
}

/** True for YAML files, such as Prometheus rule files and on-call schedules. */
export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}
