import { parseYamlBounded } from '@runbooks-for-backstage/plugin-runbooks-common';
import { isMap, isScalar, LineCounter } from 'yaml';

/** An entity of a catalog-info.yaml, with where its parts are written. */
export type CatalogDocument = {
  /** 1-based line where the document starts. */
  line: number;
  /** The document as plain data. */
  data: unknown;
  /** 1-based line of an annotation key, when written. */
  annotationLine(key: string): number | undefined;
};

/** A YAML syntax error of a catalog file. */
export type CatalogSyntaxError = { line?: number; message: string };

/**
 * Reads every YAML document of a catalog file, keeping line numbers so that
 * findings can point at the annotation they are about.
 */
export function parseCatalogFile(content: string): {
  documents: CatalogDocument[];
  errors: CatalogSyntaxError[];
} {
  const lineCounter = new LineCounter();
  const parsed = parseYamlBounded(content, {
    multipleDocuments: true,
    lineCounter,
  });
  const documents: CatalogDocument[] = [];
  const errors: CatalogSyntaxError[] = [];
  if ('error' in parsed) {
    errors.push({ message: `the file ${parsed.error}` });
    return { documents, errors };
  }
  for (const read of parsed.documents) {
    if ('error' in read) {
      errors.push({ line: read.line, message: read.error });
      continue;
    }
    const { value: data, document } = read;
    if (data === null || data === undefined) continue;
    const start = document.range?.[0] ?? 0;
    documents.push({
      line: lineCounter.linePos(start).line || 1,
      data,
      annotationLine(key) {
        const annotations = document.getIn(['metadata', 'annotations'], true);
        if (!isMap(annotations)) return undefined;
        for (const pair of annotations.items) {
          if (isScalar(pair.key) && pair.key.value === key && pair.key.range) {
            return lineCounter.linePos(pair.key.range[0]).line;
          }
        }
        return undefined;
      },
    });
  }
  return { documents, errors };
}
