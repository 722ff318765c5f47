#!/usr/bin/env bash
# Runs the unit and integration tests again on Node 24, with node@24 from the
# npm registry (scripts/use-node.sh). The browser, replica, Prometheus and
# fresh-portal tests stay on the main run. better-sqlite3 13 is a Node-API
# addon: the one binary its npm package ships serves Node 22 and 24 alike.
set -uo pipefail
cd "$(dirname "$0")/.."
RUNBOOKS_NODE=24
source scripts/use-node.sh
echo "Node 24 tests with $(node --version)"
bash scripts/install-if-needed.sh || exit 1

results=$(mktemp -d)/jest.json
npx backstage-cli repo test \
  --testPathIgnorePatterns '/packages/e2e-tests/' --json --outputFile="$results"
status=$?
if [ -f "$results" ]; then
  node -e '
    const r = require(process.argv[1]);
    console.log(`Node24: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  ' "$results"
fi
exit $status
