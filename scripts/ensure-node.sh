#!/usr/bin/env bash
# Prints the folder holding a `node` of the major version given (22 or 24):
# node@<major> from the npm registry, installed once into .cache/node<major>,
# since the machine's own Node may be another line. The headers that package
# ships are beside it (<folder>/../include/node), for node-gyp.
#   PATH="$(bash scripts/ensure-node.sh 22):$PATH" npm test
set -euo pipefail
major=${1:?usage: ensure-node.sh 22|24}
cd "$(dirname "$0")/.."
dir=.cache/node$major
bin() { echo "$dir"/node_modules/node/node_modules/node-*-*/bin; }
if [ ! -x "$(bin)/node" ]; then
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$dir" "node@$major" >&2
fi
cd "$(bin)" && pwd
