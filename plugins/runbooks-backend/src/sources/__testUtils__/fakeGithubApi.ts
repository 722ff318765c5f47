import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** One repository the fake serves: its default branch's files. */
export type FakeRepo = { files: Record<string, string>; branch?: string };

/** What the fake was asked, by kind of call, and what it sent. */
export type FakeGithubCounts = {
  requests: number;
  status: number;
  repo: number;
  tarball: number;
  contents: number;
  notModified: number;
  rateLimited: number;
  rateLimitLookups: number;
  bytes: number;
};

/**
 * A loopback HTTP server that answers as GitHub's REST API does for the calls
 * Backstage's GitHub UrlReader makes: `GET /repos/{o}/{r}` (default branch),
 * `GET /repos/{o}/{r}/commits/{ref}/status` (the commit SHA, the reader's
 * tree etag), `GET /repos/{o}/{r}/tarball/{sha}` (302 to a codeload-like
 * gzip tarball with one top folder), `GET /repos/{o}/{r}/contents/{path}`
 * (raw with an ETag, 304 on a matching If-None-Match) and `GET /rate_limit`.
 * With `limitedUntil` set, every call but `/rate_limit` answers 403 with
 * `x-ratelimit-remaining: 0`, as GitHub does once a token's budget is spent.
 */
export async function startFakeGithubApi(repos: Map<string, FakeRepo>) {
  const counts: FakeGithubCounts = {
    requests: 0,
    status: 0,
    repo: 0,
    tarball: 0,
    contents: 0,
    notModified: 0,
    rateLimited: 0,
    rateLimitLookups: 0,
    bytes: 0,
  };
  const state: { limitedUntil?: Date } = {};
  const tarballs = new Map<string, Buffer>();
  const shaOf = (repo: FakeRepo) =>
    createHash('sha1').update(JSON.stringify(repo.files)).digest('hex');

  const send = (
    res: http.ServerResponse,
    status: number,
    body: string | Buffer,
    headers: Record<string, string> = {},
  ) => {
    const buffer = typeof body === 'string' ? Buffer.from(body) : body;
    counts.bytes += buffer.length;
    res.writeHead(status, { 'content-length': buffer.length, ...headers });
    res.end(buffer);
  };

  const server = http.createServer((req, res) => {
    counts.requests++;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const base = `http://${req.headers.host}`;
    if (url.pathname === '/api/rate_limit') {
      counts.rateLimitLookups++;
      const reset = Math.ceil(
        (state.limitedUntil?.getTime() ?? Date.now() + 3_600_000) / 1000,
      );
      const remaining = state.limitedUntil ? 0 : 5000;
      send(
        res,
        200,
        JSON.stringify({
          resources: { core: { limit: 5000, remaining, reset } },
        }),
        { 'content-type': 'application/json' },
      );
      return;
    }
    if (state.limitedUntil && state.limitedUntil.getTime() > Date.now()) {
      counts.rateLimited++;
      send(res, 403, JSON.stringify({ message: 'API rate limit exceeded' }), {
        'content-type': 'application/json',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(
          Math.ceil(state.limitedUntil.getTime() / 1000),
        ),
      });
      return;
    }
    const codeload = url.pathname.match(/^\/codeload\/([^/]+\/[^/]+)\/(\w+)$/);
    if (codeload) {
      const tarball = tarballs.get(codeload[2]);
      if (!tarball) {
        send(res, 404, 'Not Found');
        return;
      }
      send(res, 200, tarball, { 'content-type': 'application/x-gzip' });
      return;
    }
    const match = url.pathname.match(/^\/api\/repos\/([^/]+)\/([^/]+)(\/.*)?$/);
    const repo = match && repos.get(`${match[1]}/${match[2]}`);
    if (!match || !repo) {
      send(res, 404, JSON.stringify({ message: 'Not Found' }));
      return;
    }
    const fullName = `${match[1]}/${match[2]}`;
    const rest = match[3] ?? '';
    const json = (body: unknown, headers: Record<string, string> = {}) =>
      send(res, 200, JSON.stringify(body), {
        'content-type': 'application/json',
        ...headers,
      });
    if (rest === '') {
      counts.repo++;
      json({
        full_name: fullName,
        default_branch: repo.branch ?? 'main',
      });
      return;
    }
    if (/^\/commits\/[^/]+\/status$/.test(rest)) {
      counts.status++;
      json({
        state: 'success',
        sha: shaOf(repo),
        total_count: 0,
        statuses: [],
        repository: {
          full_name: fullName,
          archive_url: `${base}/api/repos/${fullName}/{archive_format}{/ref}`,
          trees_url: `${base}/api/repos/${fullName}/git/trees{/sha}`,
        },
      });
      return;
    }
    const tarball = rest.match(/^\/tarball\/(\w+)$/);
    if (tarball) {
      counts.tarball++;
      const sha = tarball[1];
      if (sha !== shaOf(repo)) {
        send(res, 404, 'Not Found');
        return;
      }
      // Repositories with the same files share one archive (the reader strips the top folder).
      if (!tarballs.has(sha)) tarballs.set(sha, makeTarball(sha, repo));
      res.writeHead(302, { location: `${base}/codeload/${fullName}/${sha}` });
      res.end();
      return;
    }
    const contents = rest.match(/^\/contents\/(.+)$/);
    if (contents) {
      counts.contents++;
      const file = repo.files[decodeURIComponent(contents[1])];
      if (file === undefined) {
        send(res, 404, '{"message":"Not Found"}');
        return;
      }
      const etag = `"${createHash('sha1').update(file).digest('hex')}"`;
      if (req.headers['if-none-match'] === etag) {
        counts.notModified++;
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      send(res, 200, file, {
        'content-type': 'application/vnd.github.raw',
        etag,
      });
      return;
    }
    send(res, 404, JSON.stringify({ message: 'Not Found' }));
    return;
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    apiBaseUrl: `${baseUrl}/api`,
    counts,
    state,
    resetCounts() {
      for (const key of Object.keys(counts) as Array<keyof FakeGithubCounts>) {
        counts[key] = 0;
      }
    },
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

/** A gzip tarball as GitHub's: every file under one `{owner}-{repo}-{sha}/` folder. */
function makeTarball(sha: string, repo: FakeRepo): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-github-'));
  try {
    const top = `owner-repo-${sha.slice(0, 7)}`;
    for (const [file, content] of Object.entries(repo.files)) {
      const target = path.join(dir, top, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    }
    return execFileSync('tar', ['-czf', '-', '-C', dir, top], {
      maxBuffer: 64 * 1024 * 1024,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
