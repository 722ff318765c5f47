// The built backend, as a deployment runs it: every workspace package the
// backend uses is built by `backstage-cli package build` (compiled JavaScript
// in dist/, what `npm publish` ships), laid out in .cache/built-backend with
// their published package.json (main: dist/index.cjs.js), and the backend's
// own source files compiled by esbuild. Plain `node` then runs it, with no
// TypeScript transform. (Backstage's `package build` of the backend itself
// packs a yarn workspace; this repository uses npm, so the layout is made
// here instead.)
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { repoRoot } = require('./lib');

const target = path.join(repoRoot, '.cache', 'built-backend');
const backendDir = path.join(repoRoot, 'packages', 'backend');

function workspacePackages() {
  const byName = new Map();
  for (const parent of ['plugins', 'packages']) {
    for (const name of fs.readdirSync(path.join(repoRoot, parent))) {
      const dir = path.join(repoRoot, parent, name);
      const file = path.join(dir, 'package.json');
      if (!fs.existsSync(file)) continue;
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      byName.set(pkg.name, { dir, pkg });
    }
  }
  return byName;
}

/** The workspace packages the backend loads, dependencies first. */
function backendWorkspaceDeps(byName) {
  const order = [];
  const visit = name => {
    if (order.includes(name) || !byName.has(name)) return;
    const deps = byName.get(name).pkg.dependencies || {};
    Object.keys(deps).forEach(visit);
    order.push(name);
  };
  const backend = JSON.parse(
    fs.readFileSync(path.join(backendDir, 'package.json'), 'utf8'),
  );
  Object.keys(backend.dependencies || {}).forEach(visit);
  return order;
}

function run(command, args, cwd) {
  execFileSync(command, args, {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CI: 'true' },
  });
}

/** Builds everything and returns the entry point to start with `node`. */
function buildBackend({ log = console.log } = {}) {
  const byName = workspacePackages();
  const names = backendWorkspaceDeps(byName);
  let t = Date.now();
  log(`  building: tsc (declarations, needed by package build)...`);
  run('npx', ['tsc', '-p', 'tsconfig.json'], repoRoot);
  log(`  tsc: ${Date.now() - t} ms`);
  fs.rmSync(target, { recursive: true, force: true });
  for (const name of names) {
    const { dir, pkg } = byName.get(name);
    t = Date.now();
    run('npx', ['backstage-cli', 'package', 'build'], dir);
    const out = path.join(target, 'node_modules', name);
    fs.mkdirSync(out, { recursive: true });
    const published = { ...pkg, ...(pkg.publishConfig || {}) };
    delete published.publishConfig;
    fs.writeFileSync(
      path.join(out, 'package.json'),
      JSON.stringify(published, null, 2),
    );
    for (const entry of ['dist', 'migrations', 'config.d.ts']) {
      const from = path.join(dir, entry);
      if (fs.existsSync(from)) {
        fs.cpSync(from, path.join(out, entry), { recursive: true });
      }
    }
    log(`  package build ${name}: ${Date.now() - t} ms`);
  }
  const esbuild = require(require.resolve('esbuild', { paths: [repoRoot] }));
  // The backend's own files in one CommonJS file, every package left to
  // node_modules; import() turned into require() as Backstage's build does.
  esbuild.buildSync({
    entryPoints: [path.join(backendDir, 'src', 'index.ts')],
    outfile: path.join(target, 'backend', 'index.js'),
    bundle: true,
    packages: 'external',
    supported: { 'dynamic-import': false },
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return path.join(target, 'backend', 'index.js');
}

module.exports = {
  buildBackend,
  builtBackendEntry: path.join(target, 'backend', 'index.js'),
};

if (require.main === module) {
  console.log(`built: ${buildBackend()}`);
}
