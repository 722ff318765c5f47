// `npm run bench` runs every benchmark in turn; `npm run bench -- <name>`
// runs one (http, alerts, refresh, refreshRemote, report, coveragePage, bundle, parse,
// firing, faults). Each prints figures and ratios.
'use strict';

const path = require('path');

const ALL = [
  'http',
  'alerts',
  'refresh',
  'refreshRemote',
  'report',
  'coveragePage',
  'bundle',
  'parse',
  'firing',
  'faults',
];

async function main() {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
  for (const name of names) {
    if (!ALL.includes(name)) {
      console.error(`Unknown bench "${name}"; one of ${ALL.join(', ')}`);
      process.exitCode = 2;
      return;
    }
  }
  console.log(
    `bench ${names.join(', ')} on ${new Date().toISOString()}, Node ${
      process.version
    }, ` + `${require('os').cpus().length} cores`,
  );
  for (const name of names) {
    const started = Date.now();
    console.log(`\n=== ${name} ===`);
    try {
      await require(path.join(__dirname, `${name}.js`))();
    } catch (error) {
      console.error(
        `bench ${name} failed: ${error && error.stack ? error.stack : error}`,
      );
      process.exitCode = 1;
    }
    console.log(
      `(${name} took ${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
  }
}

// Whatever a bench left behind (timers, sockets), end here.
main().finally(() => process.exit(process.exitCode || 0));
