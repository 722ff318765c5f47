#!/usr/bin/env bash
# The suite in someone else's Backstage: for each create-app template (the
# new frontend system's default, and --legacy) a fresh portal from
# `npx @backstage/create-app@0.9.2`, yarn 4 from the npm registry
# (@yarnpkg/cli-dist), the suite packed as it would be published and served
# to yarn from a local registry for its own scope, added with the README's
# lines; the @backstage/* packages installed twice because of the suite are
# counted (must be 0), then the portal is started and checked in chromium
# (packages/e2e-tests/src/freshPortal.portal.test.ts) on each Node line asked
# for. Yarn itself runs on Node 22 (yarn 4.13 on Node 24 crashed adding the
# suite from the local registry: "The `onCancel` handler was attached after
# the promise settled", a retry of a request that had already settled); the
# portal gets `yarn rebuild` of its native modules for Node 24.
#
#   bash scripts/test-fresh-portal.sh [<template>[@<node>[,<node>]] ...]
#     templates: default, legacy; Node lines: 22, 24 (both when left out).
#     No argument: the full matrix, default@22,24 legacy@22,24.
#     .ci/run runs `default@24 legacy@22`: both templates, both Node lines.
#
# Packing the suite (CPU) runs in the background while the portals are made
# and installed. Portals and tarballs: .cache/fresh-portal. Kept between runs
# outside the clone: yarn's package cache (shared by both portals) and the
# yarn CLI, in ${RUNBOOKS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/runbooks-for-backstage}.
# Prints the seconds of every phase, the duplicate count per template, and
# one "fresh portal <template> on Node <n>: passed|failed" line per run;
# exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/.cache/fresh-portal
cache=${RUNBOOKS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/runbooks-for-backstage}
lines=packages/e2e-tests/fresh-portal/install-lines.js
mkdir -p "$work" "$cache"
start_all=$(date +%s)

specs=("$@")
[ $# -eq 0 ] && specs=(default@22,24 legacy@22,24)
templates=()
declare -A nodes_of
for spec in "${specs[@]}"; do
  t=${spec%%@*}
  n=22,24
  [[ $spec == *@* ]] && n=${spec#*@}
  case $t in default | legacy) ;; *) echo "unknown template: $t (default|legacy)" >&2 && exit 2 ;; esac
  for m in ${n//,/ }; do
    case $m in 22 | 24) ;; *) echo "unknown Node line: $m (22|24)" >&2 && exit 2 ;; esac
  done
  templates+=("$t")
  nodes_of[$t]=${n//,/ }
done

timings=()
phase_t=$(date +%s)
took() { # took <what>: prints and records the seconds since the last took
  local now s
  now=$(date +%s)
  s=$((now - phase_t))
  phase_t=$now
  timings+=("$(printf '%5d s  %s' "$s" "$1")")
  echo "  ($1: $s s)"
}

declare -A bin_of
bin_of[22]=$(bash scripts/ensure-node.sh 22) || exit 1
if [[ " ${nodes_of[*]} " == *" 24 "* ]]; then
  bin_of[24]=$(bash scripts/ensure-node.sh 24) || exit 1
fi
yarn_dir=$cache/yarn-cli-4.13.0
yarn_bin=$yarn_dir/node_modules/.bin
# create-app wants a yarn on PATH; the portal's .yarnrc.yml then hands over
# to the yarn release it ships.
on_node() { # on_node <node bin folder> command...
  local bin=$1
  shift
  PATH="$yarn_bin:$bin:$PATH" npm_config_nodedir="$(dirname "$bin")" "$@"
}
if [ ! -x "$yarn_bin/yarn" ]; then
  tmp=$(mktemp -d "$cache/yarn-cli.XXXXXX")
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$tmp" @yarnpkg/cli-dist@4.13.0 >&2 || exit 1
  mv -T "$tmp" "$yarn_dir" 2>/dev/null || rm -rf "$tmp"
fi
registry=$(npm config get registry)
took "Node and yarn ready"

echo "Packing the suite in the background (log: $work/pack.log)..."
rm -rf "$work/packs"
(
  s=$(date +%s)
  on_node "${bin_of[22]}" node scripts/pack-plugins.js "$work/packs" &&
    on_node "${bin_of[22]}" node $lines check README.md
  rc=$?
  echo "packed in $(($(date +%s) - s)) s"
  exit $rc
) >"$work/pack.log" 2>&1 &
pack_pid=$!
registry_pid=
trap 'kill $pack_pid $registry_pid 2>/dev/null' EXIT
# The portals of an earlier run go away in the background (1 GB each).
trash=$work/.old-$$
mkdir -p "$trash"
for template in "${templates[@]}"; do
  [ -e "$work/$template" ] && mv "$work/$template" "$trash/"
done
(nice ionice -c3 rm -rf "$work"/.old-* 2>/dev/null || rm -rf "$work"/.old-*) &

results=()
status=0
declare -A failed installed_on dups
# A yarn command in $portal, logged; run once more when it fails (yarn 4.13
# gives up on a network hiccup: "The `onCancel` handler was attached after
# the promise settled").
yarn_in_portal() { # yarn_in_portal <log> <node bin> <shell line>
  (cd "$portal" && on_node "$2" bash -c "$3") >>"$1" 2>&1 && return 0
  echo "  (failed, once more: $3; log: $1)"
  (cd "$portal" && on_node "$2" bash -c "$3") >>"$1" 2>&1
}
fail() { # fail <template> <message>
  failed[$1]=1
  results+=("fresh portal $1: $2")
  status=1
}

for template in "${templates[@]}"; do
  portal=$work/$template
  first=22
  bin=${bin_of[$first]}
  flags=()
  [ "$template" = legacy ] && flags=(--legacy)
  echo "Creating a fresh portal ($template template)..."
  if ! (cd "$work" && BACKSTAGE_APP_NAME=portal on_node "$bin" \
    npx --yes @backstage/create-app@0.9.2 --path "$portal" --skip-install "${flags[@]}" >"$work/$template-create.log" 2>&1); then
    tail -20 "$work/$template-create.log"
    fail "$template" "create-app failed"
    continue
  fi
  took "$template: create-app"
  # The registry this machine uses for everything but the suite's scope
  # (whose registry is added once the suite is packed); the yarn cache kept
  # outside the clone.
  sed -i "s|^  - '@backstage/\*'$|  - '@backstage/*'\n  - '@runbooks-for-backstage/*'|" "$portal/.yarnrc.yml"
  cat >>"$portal/.yarnrc.yml" <<EOF
npmRegistryServer: "$registry"
unsafeHttpWhitelist:
  - 127.0.0.1
cacheFolder: "$cache/yarn-cache"
enableGlobalCache: false
enableTelemetry: false
enableImmutableInstalls: false
EOF
  cat packages/e2e-tests/fresh-portal/examples/runbooks-demo.yaml >>"$portal/examples/entities.yaml"
  cp -r packages/e2e-tests/fresh-portal/examples/runbooks "$portal/examples/"
  # What the portal needs with or without the suite (README: "What a fresh
  # portal needs").
  on_node "$bin" node $lines add-resolution "$portal"
  echo "Installing the $template portal on Node $first (yarn install)..."
  rm -f "$work/$template-install.log" "$work/$template-add.log"
  if ! yarn_in_portal "$work/$template-install.log" "$bin" "yarn install"; then
    tail -30 "$work/$template-install.log"
    fail "$template" "yarn install failed"
    continue
  fi
  took "$template: yarn install (Node $first)"
  if ! yarn_in_portal "$work/$template-install.log" "$bin" "$(node $lines backend-defaults-add)"; then
    tail -30 "$work/$template-install.log"
    fail "$template" "adding @backstage/backend-defaults failed"
    continue
  fi
  took "$template: newer backend-defaults added"
  installed_on[$template]=$first
  on_node "$bin" node packages/e2e-tests/fresh-portal/backstage-versions.js snapshot "$portal" "$work/$template-before.json"
  took "$template: @backstage/* versions listed"
done

echo "Waiting for the suite's tarballs..."
wait $pack_pid
pack_rc=$?
pack_pid=
cat "$work/pack.log"
took "suite packed (waited for the rest of it)"
if [ "$pack_rc" != 0 ]; then
  results+=("fresh portal: packing the suite failed (or the README lacks the install lines)")
  printf '%s\n' "${results[@]}"
  exit 1
fi

rm -f "$work/registry.port"
# Started directly (not through on_node) so that $! is the server itself.
PATH="${bin_of[22]}:$PATH" node packages/e2e-tests/fresh-portal/registry.js "$work/packs" "$work/registry.port" &
registry_pid=$!
for _ in $(seq 100); do [ -s "$work/registry.port" ] && break; sleep 0.1; done
scope_registry="http://127.0.0.1:$(cat "$work/registry.port")"

for template in "${templates[@]}"; do
  [ -n "${failed[$template]:-}" ] && continue
  portal=$work/$template
  bin=${bin_of[${installed_on[$template]}]}
  cat >>"$portal/.yarnrc.yml" <<EOF
npmScopes:
  runbooks-for-backstage:
    npmRegistryServer: "$scope_registry"
EOF
  echo "Adding the suite to the $template portal with the README's lines..."
  if ! yarn_in_portal "$work/$template-add.log" "$bin" "$(node $lines backend-add)"; then
    tail -30 "$work/$template-add.log"
    fail "$template" "adding the suite (backend) failed"
    continue
  fi
  took "$template: suite added to packages/backend"
  if ! yarn_in_portal "$work/$template-add.log" "$bin" "$(node $lines app-add)"; then
    tail -30 "$work/$template-add.log"
    fail "$template" "adding the suite (app) failed"
    continue
  fi
  took "$template: suite added to packages/app"
  on_node "$bin" node $lines paste-backend "$portal" || fail "$template" "pasting the backend lines failed"
  if [ "$template" = legacy ]; then
    on_node "$bin" node $lines paste-legacy "$portal" || fail "$template" "pasting the legacy lines failed"
  fi
  echo "Duplicated @backstage/* packages ($template template):"
  on_node "$bin" node packages/e2e-tests/fresh-portal/backstage-versions.js compare "$work/$template-before.json" "$portal" | tee "$work/$template-duplicates.txt"
  [ "${PIPESTATUS[0]}" = 0 ] || fail "$template" "@backstage/* packages duplicated by the suite"
  dups[$template]=$(sed -n 's/^duplicated because of the suite: //p' "$work/$template-duplicates.txt")
  results+=("fresh portal $template: ${dups[$template]:-?} @backstage/* packages duplicated because of the suite")
  took "$template: duplicates counted"
done

for template in "${templates[@]}"; do
  [ -n "${failed[$template]:-}" ] && continue
  portal=$work/$template
  for major in ${nodes_of[$template]}; do
    bin=${bin_of[$major]}
    if [ "$major" != "${installed_on[$template]}" ]; then
      echo "Rebuilding the $template portal's native modules for Node $major..."
      if ! (cd "$portal" && on_node "$bin" "$yarn_bin/yarn" rebuild >"$work/$template-rebuild-$major.log" 2>&1); then
        tail -30 "$work/$template-rebuild-$major.log"
        results+=("fresh portal $template on Node $major: yarn rebuild failed")
        status=1
        continue
      fi
      took "$template: yarn rebuild for Node $major"
    fi
    echo "Starting the $template portal on Node $major and checking it in chromium..."
    steps=$work/$template-node$major-steps.txt
    rm -f "$steps"
    t1=$(date +%s)
    if (cd packages/e2e-tests && FRESH_PORTAL_DIR="$portal" FRESH_PORTAL_TEMPLATE="$template" \
      FRESH_PORTAL_YARN="$yarn_bin/yarn" FRESH_PORTAL_NODE_BIN="$bin" FRESH_PORTAL_STEPS="$steps" FRESH_PORTAL_T0_MS="$(date +%s%3N)" \
      on_node "$bin" npx backstage-cli package test --watchAll=false freshPortal.portal); then
      results+=("fresh portal $template on Node $major: passed ($(($(date +%s) - t1)) s)")
    else
      results+=("fresh portal $template on Node $major: failed")
      status=1
    fi
    [ -f "$steps" ] && sed 's/^/    /' "$steps"
    took "$template: started and checked in chromium on Node $major"
  done
done

echo "Where the time went:"
printf '%s\n' "${timings[@]}"
printf '%s\n' "${results[@]}"
echo "fresh portal tests: $(($(date +%s) - start_all)) s"
exit $status
