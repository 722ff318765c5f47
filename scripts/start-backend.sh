#!/usr/bin/env bash
# Starts the backend alone. Extra arguments go to `backstage-cli package start`,
# so `npm run start:backend -- --config /abs/a.yaml --config /abs/b.yaml` runs
# with exactly those config files; without --config it uses app-config.yaml.
set -euo pipefail
cd "$(dirname "$0")/../packages/backend"
exec npx backstage-cli package start "$@"
