import {
  Document,
  isMap,
  isScalar,
  LineCounter,
  parseAllDocuments,
} from 'yaml';

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
  const parsed = parseAllDocuments(content, { lineCounter });
  const all: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  const documents: CatalogDocument[] = [];
  const errors: CatalogSyntaxError[] = [];
  for (const document of all) {
    if (document.errors.length) {
      for (const error of document.errors) {
        errors.push({
          line: error.linePos?.[0]?.line,
          message: error.message.split('\n')[0],
        });
      }
      continue;
    }
    const data = document.toJS();
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
