#!/usr/bin/env bash
# `npm start`: on Node 22 or 24 (scripts/use-node.sh fetches node@22 when the
# machine's own Node is another line), installs if needed, then starts the
# backend (http://localhost:7007) and the frontend (http://localhost:3000).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/use-node.sh
bash scripts/install-if-needed.sh
exec npx backstage-cli repo start "$@"
