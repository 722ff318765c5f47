#!/usr/bin/env node
/*
 * The @backstage/* packages installed in a portal, by name and version,
 * found by walking every node_modules folder under it (nested ones too).
 *
 *   node backstage-versions.js snapshot <portal> <out.json>
 *   node backstage-versions.js compare <before.json> <portal>
 *
 * `compare` prints the packages installed in more than one version whose
 * extra versions were not there before (i.e. are there because of what was
 * added since the snapshot), then "duplicated because of the suite: N";
 * it exits 1 when N > 0.
 */
const fs = require('node:fs');
const path = require('node:path');

function installed(root) {
  const found = {};
  const visit = nm => {
    let entries;
    try {
      entries = fs.readdirSync(nm, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory() || e.name === '.bin' || e.name === '.cache')
        continue;
      const dirs = e.name.startsWith('@')
        ? fs
            .readdirSync(path.join(nm, e.name), { withFileTypes: true })
            .filter(s => s.isDirectory())
            .map(s => path.join(nm, e.name, s.name))
        : [path.join(nm, e.name)];
      for (const dir of dirs) {
        const name = path.relative(nm, dir).split(path.sep).join('/');
        if (name.startsWith('@backstage/')) {
          try {
            const { version } = JSON.parse(
              fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
            );
            (found[name] ??= new Set()).add(version);
          } catch {
            // not a package
          }
        }
        visit(path.join(dir, 'node_modules'));
      }
    }
  };
  visit(path.join(root, 'node_modules'));
  for (const ws of ['packages', 'plugins']) {
    for (const d of fs.existsSync(path.join(root, ws))
      ? fs.readdirSync(path.join(root, ws))
      : []) {
      visit(path.join(root, ws, d, 'node_modules'));
    }
  }
  return Object.fromEntries(
    Object.entries(found)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, [...v].sort()]),
  );
}

const [cmd, a, b] = process.argv.slice(2);
if (cmd === 'snapshot') {
  fs.writeFileSync(b, JSON.stringify(installed(a), null, 2));
} else if (cmd === 'compare') {
  const before = JSON.parse(fs.readFileSync(a, 'utf8'));
  const after = installed(b);
  const multi = m => Object.keys(m).filter(k => m[k].length > 1).length;
  const blamed = Object.entries(after)
    .map(([name, versions]) => ({
      name,
      versions,
      added: versions.filter(v => !(before[name] ?? []).includes(v)),
    }))
    .filter(p => p.versions.length > 1 && p.added.length > 0);
  for (const p of blamed) {
    console.log(
      `  ${p.name}: ${p.versions.join(', ')} (new: ${p.added.join(', ')})`,
    );
  }
  console.log(
    `@backstage/* packages in two or more versions: ${multi(
      before,
    )} before the suite, ${multi(after)} with it`,
  );
  console.log(`duplicated because of the suite: ${blamed.length}`);
  process.exit(blamed.length ? 1 : 0);
} else {
  console.error('usage: backstage-versions.js snapshot|compare ...');
  process.exit(2);
}
