#!/usr/bin/env bash
# Runs `npm install` when node_modules is missing or older than the manifests.
# (`npm ci` cannot be used: the lockfile names other platforms' optional
# binaries that this registry mirror does not serve.)
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.runbooks-install-stamp
wanted=$(cat package-lock.json package.json packages/*/package.json plugins/*/package.json 2>/dev/null | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi
echo "Installing dependencies (npm install)..."
npm install --no-audit --no-fund --loglevel=error
echo "$wanted" > "$stamp"
