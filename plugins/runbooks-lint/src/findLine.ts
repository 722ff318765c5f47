/** 1-based line of the first line that `test` accepts, if any. */
export function findLine(
  content: string,
  test: (line: string) => boolean,
): number | undefined {
  const lines = content.split(/\r?\n/);
  const index = lines.findIndex(test);
  return index < 0 ? undefined : index + 1;
}
