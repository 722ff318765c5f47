#!/usr/bin/env bash
# On Node 22 or 24 (scripts/use-node.sh: the machine's own when it is one of
# them, else node@22 from the npm registry; RUNBOOKS_NODE=24 picks 24),
# installs if needed, then runs every test: type check, then all packages'
# tests (the stores on SQLite always, and on PostgreSQL when one can be had).
# Ends with a "N passed, N failed" line; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/use-node.sh
echo "Tests on Node $(node --version)"
bash scripts/install-if-needed.sh || exit 1

export CI=true
export BACKSTAGE_TEST_DISABLE_DOCKER=1
if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ] && [ "${RUNBOOKS_TEST_POSTGRES:-1}" != 0 ]; then
  if pg=$(bash scripts/ensure-postgres.sh); then
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$pg"
    echo "Store tests run on SQLite and on PostgreSQL ($pg)"
  else
    echo "No PostgreSQL available: store tests run on SQLite only; the replica tests will fail (RUNBOOKS_TEST_POSTGRES=0 leaves them out)"
  fi
fi
# The fresh-portal test runs on its own (scripts/test-fresh-portal.sh, in CI).
jest_extra=(--testPathIgnorePatterns '\.portal\.test\.')
if [ "${RUNBOOKS_TEST_POSTGRES:-1}" = 0 ]; then
  echo "RUNBOOKS_TEST_POSTGRES=0: PostgreSQL replica tests left out"
  jest_extra+=(--testPathIgnorePatterns '\.postgres\.test\.')
fi

if [ "${RUNBOOKS_TEST_BROWSER:-1}" != 0 ]; then
  # The browser tests drive Debian's chromium (never a downloaded browser).
  bash scripts/ensure-chromium.sh || echo "No chromium: the browser tests will fail (RUNBOOKS_TEST_BROWSER=0 leaves them out)"
else
  echo "RUNBOOKS_TEST_BROWSER=0: browser tests left out"
  jest_extra+=(--testPathIgnorePatterns '\.browser\.(prometheus\.)?test\.')
fi

if [ "${RUNBOOKS_TEST_PROMETHEUS:-1}" != 0 ]; then
  # The Alertmanager test runs Debian's prometheus and prometheus-alertmanager.
  bash scripts/ensure-prometheus.sh || echo "No prometheus/alertmanager: the Alertmanager test will fail (RUNBOOKS_TEST_PROMETHEUS=0 leaves it out)"
else
  echo "RUNBOOKS_TEST_PROMETHEUS=0: Alertmanager test left out"
  jest_extra+=(--testPathIgnorePatterns '\.prometheus\.test\.')
fi

status=0
echo "Type checking (tsc)..."
npx tsc --noEmit -p tsconfig.json || status=1

# The browser tests serve the built app; build it once, before the test files
# run in parallel.
echo "Building the app for the browser tests..."
(cd packages/app && NODE_ENV=production npx backstage-cli package build >/dev/null) || status=1

results=$(mktemp -d)/jest.json
npx backstage-cli repo test "${jest_extra[@]}" --json --outputFile="$results" || status=1

if [ -f "$results" ]; then
  node -e '
    const r = require(process.argv[1]);
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
    if (r.numTotalTests === 0) process.exit(1);
  ' "$results" || status=1
else
  echo "0 passed, 1 failed"
  status=1
fi
exit $status
