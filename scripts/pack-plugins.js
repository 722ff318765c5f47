#!/usr/bin/env node
/*
 * Builds and packs every package in plugins/ as it would be published, into
 * the folder given as first argument (default .cache/packs), and checks that
 * each tarball carries every entry point its package.json declares (main,
 * types, module, exports, typesVersions, bin, configSchema). Prints one line
 * per tarball; exits non-zero when a build, a pack or a check fails.
 *
 *   node scripts/pack-plugins.js [dest] [--no-build]
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const dest = path.resolve(
  args.find(a => !a.startsWith('--')) ?? path.join(root, '.cache/packs'),
);
const plugins = fs
  .readdirSync(path.join(root, 'plugins'))
  .filter(d => fs.existsSync(path.join(root, 'plugins', d, 'package.json')))
  .sort();

function run(cmd, cmdArgs, cwd) {
  execFileSync(cmd, cmdArgs, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Every file path a published package.json points at. */
function declaredEntryPoints(pkg) {
  const found = [];
  const add = p => {
    if (
      typeof p === 'string' &&
      p !== './package.json' &&
      p !== 'package.json'
    ) {
      found.push(p.replace(/^\.\//, ''));
    }
  };
  add(pkg.main);
  add(pkg.types);
  add(pkg.module);
  add(pkg.configSchema);
  const walk = v => {
    if (typeof v === 'string') add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      // `backstage` conditions name a plugin kind, not a file.
      for (const [k, x] of Object.entries(v)) if (k !== 'backstage') walk(x);
    }
  };
  walk(pkg.exports);
  walk(pkg.typesVersions);
  if (typeof pkg.bin === 'string') add(pkg.bin);
  else walk(pkg.bin);
  return [...new Set(found)];
}

if (build) {
  console.log('Type declarations (tsc)...');
  run('npx', ['tsc'], root);
  for (const d of plugins) {
    console.log(`Building plugins/${d}...`);
    run(
      'npx',
      ['backstage-cli', 'package', 'build'],
      path.join(root, 'plugins', d),
    );
  }
}

fs.mkdirSync(dest, { recursive: true });
let failed = 0;
for (const d of plugins) {
  const dir = path.join(root, 'plugins', d);
  let out;
  try {
    out = execFileSync(
      'npm',
      ['pack', '--json', '--loglevel=error', '--pack-destination', dest],
      { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    failed += 1;
    console.log(`plugins/${d}: npm pack failed\n${error.stderr ?? error}`);
    continue;
  }
  const [info] = JSON.parse(out);
  const tarball = path.join(dest, info.filename);
  const files = new Set(info.files.map(f => f.path));
  const pkg = JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  const missing = declaredEntryPoints(pkg).filter(p => !files.has(p));
  if (missing.length) {
    failed += 1;
    console.log(`${info.filename}: MISSING ${missing.join(', ')}`);
  } else {
    console.log(`${info.filename}: ${files.size} files, entry points present`);
  }
}
process.exit(failed ? 1 : 0);
