// The bytes the runbooks plugin adds to the app bundle. Builds packages/app
// for production (`backstage-cli package build`, NODE_ENV=production), then
// reads the source maps of dist/static/*.js and attributes every generated
// byte to the source file it came from. The plugin's bytes are those from
// plugins/runbooks/ and plugins/runbooks-common/ (their own code, and any
// dependency version installed only for them under their node_modules);
// dependencies hoisted to the root node_modules are shared with Backstage and
// not counted. Also prints the chunks holding plugin code, raw and gzipped.
// Set BENCH_SKIP_BUILD=1 to measure an existing build. Prints; asserts nothing.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { repoRoot, table } = require('./lib');

const appDir = path.join(repoRoot, 'packages/app');
const staticDir = path.join(appDir, 'dist/static');
const PLUGIN = /plugins\/runbooks(-common)?\//;

/**
 * Third-party packages the frontend plugin and runbooks-common depend on
 * directly (not Backstage, Material UI or React), each marked shared when a
 * Backstage frontend package also depends on it (then it is in the app
 * whatever this plugin does).
 */
function directDependencies() {
  const names = new Set();
  for (const dir of ['plugins/runbooks', 'plugins/runbooks-common']) {
    const manifest = require(path.join(repoRoot, dir, 'package.json'));
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (
        !/^(@backstage|@material-ui|@runbooks-for-backstage)\/|^react/.test(
          name,
        )
      ) {
        names.add(name);
      }
    }
  }
  const shared = new Set();
  const scope = path.join(repoRoot, 'node_modules/@backstage');
  for (const entry of fs.readdirSync(scope)) {
    const file = path.join(scope, entry, 'package.json');
    if (!fs.existsSync(file)) continue;
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    const role = manifest.backstage?.role ?? '';
    if (!/^(frontend-plugin|web-library|common-library)/.test(role)) continue;
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (names.has(name)) shared.add(name);
    }
  }
  // What the plugin's own packages bring with them (markdown-it's entities, mdurl, …).
  const queue = [...names].filter(name => !shared.has(name));
  while (queue.length) {
    const file = path.join(
      repoRoot,
      'node_modules',
      queue.shift(),
      'package.json',
    );
    if (!fs.existsSync(file)) continue;
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (!names.has(name)) {
        names.add(name);
        queue.push(name);
      }
    }
  }
  return { names, shared };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = Object.fromEntries([...B64].map((c, i) => [c, i]));

/** Decodes one VLQ segment into numbers. */
function decodeSegment(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = B64_VALUE[char];
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/**
 * Bytes of one generated file per source, from its source map: each mapping
 * segment owns the generated text up to the next segment of its line.
 */
function attribute(code, map) {
  const lines = code.split('\n');
  const bySource = new Map();
  let unmapped = 0;
  let source = 0;
  const add = (src, text) => {
    const bytes = Buffer.byteLength(text);
    if (src === undefined) unmapped += bytes;
    else bySource.set(src, (bySource.get(src) || 0) + bytes);
  };
  map.mappings.split(';').forEach((line, lineIndex) => {
    const text = lines[lineIndex] || '';
    let column = 0;
    let segments = line ? line.split(',') : [];
    let start = 0;
    let owner;
    for (const seg of segments) {
      const v = decodeSegment(seg);
      column += v[0];
      add(owner, text.slice(start, column));
      start = column;
      if (v.length >= 4) {
        source += v[1];
        owner = map.sources[source];
      } else {
        owner = undefined;
      }
      // Names and original positions are not needed.
    }
    add(owner, text.slice(start));
    if (lineIndex < lines.length - 1) unmapped += 1; // the newline
    segments = null;
  });
  return { bySource, unmapped };
}

function build() {
  console.log(
    'building packages/app (backstage-cli package build, NODE_ENV=production)…',
  );
  const started = Date.now();
  const result = spawnSync('npx', ['backstage-cli', 'package', 'build'], {
    cwd: appDir,
    env: { ...process.env, NODE_ENV: 'production', CI: 'true' },
    encoding: 'utf8',
    timeout: 20 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (result.status !== 0) {
    throw new Error(
      `app build failed (${
        result.status ?? result.signal
      }) after ${seconds} s:\n${`${result.stdout}${result.stderr}`.slice(
        -3000,
      )}`,
    );
  }
  console.log(`built in ${seconds} s`);
}

async function main() {
  if (!process.env.BENCH_SKIP_BUILD) build();
  const files = fs.readdirSync(staticDir).filter(f => f.endsWith('.js'));
  let totalJs = 0;
  let plugin = 0;
  let pluginOwn = 0;
  let pluginDeps = 0;
  const pluginChunks = [];
  const pluginPackages = new Map();
  const { names: direct, shared } = directDependencies();
  const directBytes = new Map([...direct].map(name => [name, 0]));
  let mapped = 0;
  for (const file of files) {
    const code = fs.readFileSync(path.join(staticDir, file), 'utf8');
    const size = Buffer.byteLength(code);
    totalJs += size;
    const mapFile = path.join(staticDir, `${file}.map`);
    if (!fs.existsSync(mapFile)) continue;
    mapped += size;
    const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
    const { bySource } = attribute(code, map);
    let inChunk = 0;
    const others = new Map();
    for (const [source, bytes] of bySource) {
      if (!PLUGIN.test(source)) {
        const pkg = source.match(
          /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/,
        );
        const key = pkg ? pkg[1] : '(other)';
        others.set(key, (others.get(key) || 0) + bytes);
        if (direct.has(key)) directBytes.set(key, directBytes.get(key) + bytes);
        continue;
      }
      inChunk += bytes;
      const nm = source.match(
        /plugins\/(runbooks(?:-common)?)\/node_modules\/((?:@[^/]+\/)?[^/]+)/,
      );
      if (nm) {
        pluginDeps += bytes;
        const key = `${nm[1]}: ${nm[2]}`;
        pluginPackages.set(key, (pluginPackages.get(key) || 0) + bytes);
      } else {
        pluginOwn += bytes;
      }
    }
    if (inChunk) {
      plugin += inChunk;
      pluginChunks.push({
        chunk: file,
        'chunk bytes': size,
        'chunk gzip': zlib.gzipSync(code).length,
        'plugin bytes in it': inChunk,
        'other code in it': [...others]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
      });
    }
  }
  console.log(
    `${files.length} JS files, ${totalJs} bytes (${mapped} with source maps)`,
  );
  console.log(
    table(pluginChunks, [
      'chunk',
      'chunk bytes',
      'chunk gzip',
      'plugin bytes in it',
      'other code in it',
    ]),
  );
  if (pluginPackages.size) {
    console.log(
      'dependencies installed only for the plugin (nested node_modules):',
    );
    for (const [name, bytes] of [...pluginPackages].sort(
      (a, b) => b[1] - a[1],
    )) {
      console.log(`  ${name}: ${bytes} bytes`);
    }
  }
  const own = [...directBytes].filter(([name]) => !shared.has(name));
  const ownTotal = own.reduce((sum, [, bytes]) => sum + bytes, 0);
  console.log(
    `third-party packages in the bundle only because of the plugin: ${ownTotal} bytes`,
  );
  for (const [name, bytes] of own.sort((a, b) => b[1] - a[1])) {
    console.log(`  ${name}: ${bytes} bytes`);
  }
  console.log(
    `shared with Backstage's own frontend packages (not counted): ${[...shared]
      .map(name => `${name} ${directBytes.get(name)} bytes`)
      .join(', ')}`,
  );
  const gzipRatio =
    pluginChunks.reduce((s, c) => s + c['chunk gzip'], 0) /
    Math.max(
      1,
      pluginChunks.reduce((s, c) => s + c['chunk bytes'], 0),
    );
  console.log(
    `plugin bytes in the bundle (minified): ${plugin + ownTotal} (${(
      (plugin + ownTotal) /
      1024
    ).toFixed(1)} KiB) = ` +
      `own code ${pluginOwn} + plugin-only dependencies ${
        pluginDeps + ownTotal
      }; ` +
      `${(((plugin + ownTotal) / totalJs) * 100).toFixed(1)}% of ${(
        totalJs /
        1024 /
        1024
      ).toFixed(2)} MiB JS; ` +
      `~${(((plugin + ownTotal) * gzipRatio) / 1024).toFixed(
        1,
      )} KiB gzipped (at the gzip ratio of its chunks)`,
  );
}

module.exports = main;
if (require.main === module) {
  main().catch(error => {
    console.error(error);
    process.exitCode = 1;
  });
}
