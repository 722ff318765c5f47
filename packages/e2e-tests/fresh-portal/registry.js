#!/usr/bin/env node
/*
 * A read-only npm registry for one scope, serving the tarballs in a folder
 * (the suite as `npm pack` writes it), so that a fresh portal installs the
 * suite with the README's own `yarn add` lines. Yarn asks it for this scope
 * only (`npmScopes` in the portal's .yarnrc.yml); everything else comes from
 * the real registry.
 *
 *   node registry.js <tarball folder> <port file>
 * Listens on a free loopback port and writes it to <port file>.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const [dir, portFile] = process.argv.slice(2);
const packuments = new Map();
const tarballs = new Map();

for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.tgz'))) {
  const full = path.join(dir, file);
  const pkg = JSON.parse(
    execFileSync('tar', ['-xzOf', full, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  const data = fs.readFileSync(full);
  tarballs.set(file, data);
  const entry = packuments.get(pkg.name) ?? {
    name: pkg.name,
    'dist-tags': {},
    versions: {},
    time: {},
  };
  entry.versions[pkg.version] = {
    ...pkg,
    _id: `${pkg.name}@${pkg.version}`,
    dist: {
      tarball: `/-/${file}`,
      shasum: crypto.createHash('sha1').update(data).digest('hex'),
      integrity: `sha512-${crypto
        .createHash('sha512')
        .update(data)
        .digest('base64')}`,
    },
  };
  entry['dist-tags'].latest = pkg.version;
  entry.time[pkg.version] = fs.statSync(full).mtime.toISOString();
  packuments.set(pkg.name, entry);
}

const server = http.createServer((req, res) => {
  const url = decodeURIComponent(req.url.split('?')[0]);
  const host = `http://${req.headers.host}`;
  if (url.startsWith('/-/') && tarballs.has(url.slice(3))) {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(tarballs.get(url.slice(3)));
    return;
  }
  const packument = packuments.get(url.slice(1));
  if (!packument) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not found"}');
    return;
  }
  const versions = Object.fromEntries(
    Object.entries(packument.versions).map(([v, m]) => [
      v,
      { ...m, dist: { ...m.dist, tarball: host + m.dist.tarball } },
    ]),
  );
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ...packument, versions }));
});

// Yarn keeps its connections open between the resolution and the fetch step,
// which can be more than Node's default 5 s apart on a busy machine: a socket
// closed by the server meanwhile is a failed request to yarn.
server.keepAliveTimeout = 600_000;
server.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(portFile, String(server.address().port));
});
