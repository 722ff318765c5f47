import { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { SourceBudget } from './budget';
import { readUrlRunbooks } from './readUrlRunbooks';

const limits = {
  maxFilesPerEntity: 10,
  maxFileBytes: 1000,
  maxBytesPerEntity: 100_000,
};

function fakeReader(files: Record<string, string>): UrlReaderService {
  return {
    readUrl: jest.fn(async (url: string) => {
      if (!(url in files)) throw new NotFoundError(`${url} not found`);
      return { buffer: async () => Buffer.from(files[url]) } as any;
    }),
    readTree: jest.fn(async (url: string, options?: any) => {
      const prefix = `${url}/`;
      const inTree = Object.keys(files).filter(f => f.startsWith(prefix));
      if (!inTree.length) throw new NotFoundError(`${url} not found`);
      return {
        etag: 'e',
        files: async () =>
          inTree
            .map(f => ({
              path: f.slice(prefix.length),
              content: async () => Buffer.from(files[f]),
            }))
            .filter(
              f =>
                !options?.filter ||
                options.filter(f.path, {
                  size: files[`${prefix}${f.path}`].length,
                }),
            ),
      } as any;
    }),
    search: jest.fn(),
  };
}

describe('readUrlRunbooks', () => {
  const base = 'https://github.com/acme/ops/tree/main/runbooks';

  it('reads the markdown files of a tree, each with a link to its source', async () => {
    const reader = fakeReader({
      [`${base}/README.md`]: '# Index',
      [`${base}/db/fail over.md`]: '# Failover',
      [`${base}/logo.png`]: 'png',
    });
    const result = await readUrlRunbooks({
      url: base,
      reader,
      annotation: 'runbooks/location',
      budget: new SourceBudget(limits),
    });
    expect(result.problems).toEqual([]);
    expect(result.files).toEqual([
      {
        path: 'db/fail over.md',
        content: '# Failover',
        sourceUrl: `${base}/db/fail%20over.md`,
      },
      { path: 'README.md', content: '# Index', sourceUrl: `${base}/README.md` },
    ]);
  });

  it('reads a single markdown file', async () => {
    const url = 'https://github.com/acme/ops/blob/main/RUNBOOK.md';
    const result = await readUrlRunbooks({
      url,
      reader: fakeReader({ [url]: '# One' }),
      annotation: 'runbooks/location',
      budget: new SourceBudget(limits),
    });
    expect(result.files).toEqual([
      { path: 'RUNBOOK.md', content: '# One', sourceUrl: url },
    ]);
  });

  it('turns an unreachable source into a problem naming the URL', async () => {
    const result = await readUrlRunbooks({
      url: `${base}-gone`,
      reader: fakeReader({}),
      annotation: 'runbooks/location',
      budget: new SourceBudget(limits),
    });
    expect(result.files).toEqual([]);
    expect(result.problems[0].message).toBe(
      `runbooks/location: could not read ${base}-gone: NotFoundError: ${base}-gone not found`,
    );
  });
});
