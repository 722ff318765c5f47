#!/usr/bin/env bash
# Starts the backend alone. Extra arguments go to `backstage-cli package start`,
# so `npm run start:backend -- --config /abs/a.yaml --config /abs/b.yaml` runs
# with exactly those config files; without --config it uses app-config.yaml.
# Runs on Node 22 or 24 (scripts/use-node.sh) and installs first if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/use-node.sh
bash scripts/install-if-needed.sh
cd packages/backend
exec npx backstage-cli package start "$@"
