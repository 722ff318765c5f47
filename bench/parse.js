// Markdown reading throughput (MB/s): everything the suite reads from a file
// (headings and anchors, index links and tables, review-date lines, search
// text) for the demo's real runbooks and for adversarial inputs, side by side.
//
//   npm run bench -- parse
//   RUNBOOKS_COMMON_SRC=/path/to/other/checkout/plugins/runbooks-common/src npm run bench -- parse
//
// The second form measures another checkout's runbooks-common (e.g. an older
// commit in a `git worktree`), so before and after come from one machine.
// Each adversarial input runs in a child process, killed after a time limit.
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { repoRoot, table } = require('./lib');

const ADVERSARIAL_SIZE = 100 * 1024;
const LIMIT_MS = 20_000;

function commonSource() {
  return (
    process.env.RUNBOOKS_COMMON_SRC ??
    path.join(repoRoot, 'plugins/runbooks-common/src')
  );
}

function loadCommon() {
  require(require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
    paths: [repoRoot],
  }));
  return require(commonSource());
}

/** What the snapshot and the search collator read from one file. */
function readAll(common, markdown) {
  const document = common.readMarkdownDocument
    ? common.readMarkdownDocument(markdown)
    : markdown;
  common.extractHeadings(document);
  common.parseRunbookIndex(document, 'README.md');
  common.extractStatedReviewDates(document);
  common.markdownToPlainText(document);
}

function markdownFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

function realRunbooks() {
  return [
    ...markdownFiles(path.join(repoRoot, 'runbooks')),
    ...markdownFiles(path.join(repoRoot, 'demo')),
  ].map(file => fs.readFileSync(file, 'utf8'));
}

/** MB/s of reading `texts` repeatedly for about a second. */
function throughput(common, texts) {
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  for (const text of texts) readAll(common, text);
  let rounds = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    for (const text of texts) readAll(common, text);
    rounds++;
  }
  const seconds = (performance.now() - start) / 1000;
  return (bytes * rounds) / seconds / 1e6;
}

function adversarialInputs() {
  const {
    adversarialMarkdown,
  } = require('../plugins/runbooks-common/src/__testUtils__/adversarialMarkdown');
  return adversarialMarkdown(ADVERSARIAL_SIZE);
}

/** Child: time one adversarial input, print milliseconds. */
function runCase(name) {
  const common = loadCommon();
  const markdown = adversarialInputs()[name];
  // Timed warm, as in a running backend: the parser has read real runbooks before.
  for (let round = 0; round < 5; round++) {
    for (const text of realRunbooks()) readAll(common, text);
  }
  const start = performance.now();
  readAll(common, markdown);
  process.stdout.write(String(performance.now() - start));
}

function timeCase(name) {
  try {
    const out = execFileSync(process.execPath, [__filename, '--case', name], {
      timeout: LIMIT_MS,
      env: process.env,
      encoding: 'utf8',
    });
    return Number(out);
  } catch {
    return undefined;
  }
}

async function main() {
  const common = loadCommon();
  console.log(`runbooks-common from ${commonSource()}`);
  const texts = realRunbooks();
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  console.log(
    `real runbooks (this repo's runbooks/ and demo/): ${texts.length} files, ${(
      bytes / 1024
    ).toFixed(0)} KiB: ${throughput(common, texts).toFixed(2)} MB/s`,
  );
  const rows = Object.keys(adversarialInputs()).map(name => {
    const ms = timeCase(name);
    return {
      input: name,
      KiB: ADVERSARIAL_SIZE / 1024,
      ms: ms === undefined ? `> ${LIMIT_MS / 1000} s` : ms.toFixed(0),
      'MB/s':
        ms === undefined
          ? '-'
          : (ADVERSARIAL_SIZE / 1e6 / (ms / 1000)).toFixed(2),
    };
  });
  console.log(table(rows, ['input', 'KiB', 'ms', 'MB/s']));
}

module.exports = main;
if (require.main === module) {
  if (process.argv[2] === '--case') {
    runCase(process.argv[3]);
  } else {
    main().catch(error => {
      console.error(error);
      process.exitCode = 1;
    });
  }
}
