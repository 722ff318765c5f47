/*
 * The lines the README tells a platform engineer to run and paste, as the
 * fresh-portal test applies them. `check` fails when the README no longer
 * carries one of them verbatim (indentation aside), so the README and this
 * test cannot drift apart.
 */
const fs = require('node:fs');
const path = require('node:path');

/** Shell lines run from the portal's root, for every template. */
const backendAdd =
  'yarn --cwd packages/backend add @runbooks-for-backstage/plugin-runbooks-backend @runbooks-for-backstage/plugin-search-backend-module-runbooks @runbooks-for-backstage/plugin-catalog-backend-module-runbooks';
const appAdd =
  'yarn --cwd packages/app add @runbooks-for-backstage/plugin-runbooks';

/**
 * What a portal made by create-app@0.9.2 needs today, with or without the
 * suite: the backend-defaults that plugin-signals-backend 0.3.21 expects, and
 * better-sqlite3 13 (Node 24).
 */
const backendDefaultsAdd =
  'yarn --cwd packages/backend add @backstage/backend-defaults@^0.19.0';
const sqliteResolution = '"resolutions": { "better-sqlite3": "^13.2.0" }';

/** packages/backend/src/index.ts, before `backend.start();`. */
const backendIndex = `backend.add(import('@runbooks-for-backstage/plugin-runbooks-backend'));
backend.add(
  import('@runbooks-for-backstage/plugin-search-backend-module-runbooks'),
);
backend.add(
  import('@runbooks-for-backstage/plugin-catalog-backend-module-runbooks'),
);`;

/** Legacy frontend system: where each block goes, after which anchor. */
const legacyPastes = [
  {
    file: 'packages/app/src/App.tsx',
    at: 'top',
    text: `import { RunbooksPage } from '@runbooks-for-backstage/plugin-runbooks';`,
  },
  {
    file: 'packages/app/src/App.tsx',
    before: '  </FlatRoutes>',
    text: `    <Route path="/runbooks" element={<RunbooksPage />} />`,
  },
  {
    file: 'packages/app/src/components/catalog/EntityPage.tsx',
    at: 'top',
    text: `import {
  EntityRunbooksCard,
  EntityRunbooksContent,
  isRunbooksAvailable,
} from '@runbooks-for-backstage/plugin-runbooks';`,
  },
  {
    // the overview grid's last card
    file: 'packages/app/src/components/catalog/EntityPage.tsx',
    after: '      <EntityHasSubcomponentsCard />\n    </Grid>\n',
    text: `    <EntitySwitch>
      <EntitySwitch.Case if={isRunbooksAvailable}>
        <Grid item md={6} xs={12}>
          <EntityRunbooksCard variant="gridItem" />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>`,
  },
  {
    // serviceEntityPage, right after its Overview tab
    file: 'packages/app/src/components/catalog/EntityPage.tsx',
    after: 'const serviceEntityPage = (',
    thenAfter: '    </EntityLayout.Route>\n',
    text: `    <EntityLayout.Route
      path="/runbooks"
      title="Runbooks"
      if={isRunbooksAvailable}
    >
      <EntityRunbooksContent />
    </EntityLayout.Route>`,
  },
  {
    file: 'packages/app/src/components/Root/Root.tsx',
    at: 'top',
    text: `import MenuBookIcon from '@material-ui/icons/MenuBook';`,
  },
  {
    file: 'packages/app/src/components/Root/Root.tsx',
    after: '<SidebarItem icon={HomeIcon} to="catalog" text="Home" />\n',
    text: `        <SidebarItem icon={MenuBookIcon} to="runbooks" text="Runbooks" />`,
  },
];

function insertAt(source, paste) {
  const block = `${paste.text}\n`;
  if (paste.at === 'top') return block + source;
  if (paste.before) {
    const i = source.indexOf(paste.before);
    if (i < 0) throw new Error(`${paste.file}: no "${paste.before}"`);
    return source.slice(0, i) + block + source.slice(i);
  }
  let i = source.indexOf(paste.after);
  if (i < 0) throw new Error(`${paste.file}: no "${paste.after}"`);
  i += paste.after.length;
  if (paste.thenAfter) {
    const j = source.indexOf(paste.thenAfter, i);
    if (j < 0) throw new Error(`${paste.file}: no "${paste.thenAfter}"`);
    i = j + paste.thenAfter.length;
  }
  return source.slice(0, i) + block + source.slice(i);
}

function edit(portal, file, change) {
  const full = path.join(portal, file);
  fs.writeFileSync(full, change(fs.readFileSync(full, 'utf8')));
}

function pasteBackend(portal) {
  edit(portal, 'packages/backend/src/index.ts', s => {
    if (!s.includes('backend.start();')) throw new Error('no backend.start()');
    return s.replace('backend.start();', `${backendIndex}\n\nbackend.start();`);
  });
}

function addResolution(portal) {
  const file = path.join(portal, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  Object.assign(
    (pkg.resolutions ??= {}),
    JSON.parse(`{${sqliteResolution}}`).resolutions,
  );
  fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

function pasteLegacy(portal) {
  for (const paste of legacyPastes)
    edit(portal, paste.file, s => insertAt(s, paste));
}

/** The README's lines, with leading spaces dropped, for a verbatim search. */
function readmeLines(readme) {
  return fs
    .readFileSync(readme, 'utf8')
    .split('\n')
    .map(l => l.trim());
}

function containsBlock(lines, text) {
  const want = text.split('\n').map(l => l.trim());
  return lines.some((_, i) => want.every((w, k) => lines[i + k] === w));
}

function check(readme) {
  const lines = readmeLines(readme);
  const blocks = [
    backendAdd,
    appAdd,
    backendIndex,
    ...legacyPastes.map(p => p.text),
  ];
  const text = fs.readFileSync(readme, 'utf8');
  const missing = [
    ...blocks.filter(b => !containsBlock(lines, b)),
    ...[backendDefaultsAdd, sqliteResolution].filter(b => !text.includes(b)),
  ];
  for (const b of missing) console.error(`README lacks:\n${b}\n`);
  return missing.length === 0;
}

module.exports = {
  backendAdd,
  appAdd,
  backendDefaultsAdd,
  addResolution,
  pasteBackend,
  pasteLegacy,
  check,
};

if (require.main === module) {
  const [cmd, arg] = process.argv.slice(2);
  if (cmd === 'check') process.exit(check(arg) ? 0 : 1);
  else if (cmd === 'backend-add') console.log(backendAdd);
  else if (cmd === 'app-add') console.log(appAdd);
  else if (cmd === 'backend-defaults-add') console.log(backendDefaultsAdd);
  else if (cmd === 'add-resolution') addResolution(arg);
  else if (cmd === 'paste-backend') pasteBackend(arg);
  else if (cmd === 'paste-legacy') pasteLegacy(arg);
  else {
    console.error(
      'usage: install-lines.js check <README>|backend-add|app-add|paste-backend <portal>|paste-legacy <portal>',
    );
    process.exit(2);
  }
}
