# Sourced by the scripts that install, build, start and test the project:
# puts a supported Node (22 or 24) first on PATH. RUNBOOKS_NODE=22|24 picks
# the line; without it, the machine's own Node when it is 22 or 24, else
# node@22 from the npm registry (scripts/ensure-node.sh). A fetched Node's
# headers are given to node-gyp (npm_config_nodedir), so native modules build
# from source without downloading anything else.
runbooks_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runbooks_own=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)
runbooks_want=${RUNBOOKS_NODE:-}
if [ -z "$runbooks_want" ]; then
  case $runbooks_own in 22 | 24) runbooks_want=$runbooks_own ;; *) runbooks_want=22 ;; esac
fi
if [ "$runbooks_own" != "$runbooks_want" ]; then
  runbooks_bin=$(bash "$runbooks_root/scripts/ensure-node.sh" "$runbooks_want") || exit 1
  export PATH="$runbooks_bin:$PATH" npm_config_nodedir="${runbooks_bin%/bin}"
fi
export RUNBOOKS_NODE=$runbooks_want
