#!/usr/bin/env bash
# The suite in someone else's Backstage: for each create-app template (the
# new frontend system's default, and --legacy) a fresh portal from
# `npx @backstage/create-app@0.9.2`, yarn 4 from the npm registry
# (@yarnpkg/cli-dist), the suite packed as it would be published and served
# to yarn from a local registry for its own scope, added with the README's
# lines; then the portal is started and checked in chromium
# (packages/e2e-tests/src/freshPortal.portal.test.ts) on Node 22 and on
# Node 24 (native modules rebuilt for each), and the @backstage/* packages
# installed twice because of the suite are counted (must be 0).
#
#   bash scripts/test-fresh-portal.sh [default|legacy ...]
# Work folder: .cache/fresh-portal (the yarn cache in it is shared by both
# portals). Ends with one "fresh portal <template> on Node <n>: passed|failed"
# line per run; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/.cache/fresh-portal
templates=("${@:-default}")
[ $# -eq 0 ] && templates=(default legacy)
mkdir -p "$work"
start_all=$(date +%s)

node22=$(bash scripts/ensure-node.sh 22) || exit 1
node24=$(bash scripts/ensure-node.sh 24) || exit 1
yarn_dir=$work/yarn
yarn_bin=$yarn_dir/node_modules/.bin
# create-app wants a yarn on PATH; the portal's .yarnrc.yml then hands over
# to the yarn release it ships.
on_node() { # on_node <node bin folder> command...
  local bin=$1
  shift
  PATH="$yarn_bin:$bin:$PATH" npm_config_nodedir="$(dirname "$bin")" "$@"
}

if [ ! -x "$yarn_dir/node_modules/.bin/yarn" ]; then
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$yarn_dir" @yarnpkg/cli-dist@4.13.0 >&2 || exit 1
fi
registry=$(npm config get registry)

echo "Packing the suite..."
on_node "$node22" node scripts/pack-plugins.js "$work/packs" || exit 1
on_node "$node22" node packages/e2e-tests/fresh-portal/install-lines.js check README.md || exit 1

rm -f "$work/registry.port"
# Started directly (not through on_node) so that $! is the server itself.
PATH="$node22:$PATH" node packages/e2e-tests/fresh-portal/registry.js "$work/packs" "$work/registry.port" &
registry_pid=$!
trap 'kill $registry_pid 2>/dev/null' EXIT
for _ in $(seq 50); do [ -s "$work/registry.port" ] && break; sleep 0.2; done
scope_registry="http://127.0.0.1:$(cat "$work/registry.port")"

results=()
status=0
lines=packages/e2e-tests/fresh-portal/install-lines.js
for template in "${templates[@]}"; do
  t0=$(date +%s)
  portal=$work/$template
  rm -rf "$portal"
  flags=()
  [ "$template" = legacy ] && flags=(--legacy)
  echo "Creating a fresh portal ($template template)..."
  (cd "$work" && BACKSTAGE_APP_NAME=portal on_node "$node22" \
    npx --yes @backstage/create-app@0.9.2 --path "$portal" --skip-install "${flags[@]}" >"$work/$template-create.log" 2>&1) || {
    tail -20 "$work/$template-create.log"
    results+=("fresh portal $template: create-app failed")
    status=1
    continue
  }
  # The registry this machine uses, for everything but the suite's scope;
  # the cache shared by both portals.
  sed -i "s|^  - '@backstage/\*'$|  - '@backstage/*'\n  - '@runbooks-for-backstage/*'|" "$portal/.yarnrc.yml"
  cat >>"$portal/.yarnrc.yml" <<EOF
npmRegistryServer: "$registry"
npmScopes:
  runbooks-for-backstage:
    npmRegistryServer: "$scope_registry"
unsafeHttpWhitelist:
  - 127.0.0.1
cacheFolder: "$work/yarn-cache"
enableGlobalCache: false
enableTelemetry: false
enableImmutableInstalls: false
EOF
  cat packages/e2e-tests/fresh-portal/examples/runbooks-demo.yaml >>"$portal/examples/entities.yaml"
  cp -r packages/e2e-tests/fresh-portal/examples/runbooks "$portal/examples/"
  # What the portal needs with or without the suite (README: "What a fresh
  # portal needs").
  on_node "$node22" node $lines add-resolution "$portal"
  echo "Installing the portal (yarn install)..."
  if ! (cd "$portal" && on_node "$node22" "$yarn_bin/yarn" install && on_node "$node22" bash -c "$(node "$root/$lines" backend-defaults-add)") >"$work/$template-install.log" 2>&1; then
    tail -30 "$work/$template-install.log"
    results+=("fresh portal $template: yarn install failed")
    status=1
    continue
  fi
  t_install=$(date +%s)
  on_node "$node22" node packages/e2e-tests/fresh-portal/backstage-versions.js snapshot "$portal" "$work/$template-before.json"

  echo "Adding the suite with the README's lines..."
  (cd "$portal" && on_node "$node22" bash -c "$(node "$root/$lines" backend-add) && $(node "$root/$lines" app-add)") >"$work/$template-add.log" 2>&1 || {
    tail -30 "$work/$template-add.log"
    results+=("fresh portal $template: adding the suite failed")
    status=1
    continue
  }
  on_node "$node22" node $lines paste-backend "$portal" || status=1
  [ "$template" = legacy ] && { on_node "$node22" node $lines paste-legacy "$portal" || status=1; }
  t_add=$(date +%s)
  echo "Duplicated @backstage/* packages ($template template):"
  on_node "$node22" node packages/e2e-tests/fresh-portal/backstage-versions.js compare "$work/$template-before.json" "$portal" || {
    results+=("fresh portal $template: @backstage/* packages duplicated by the suite")
    status=1
  }

  for major in 22 24; do
    bin=$node22
    [ "$major" = 24 ] && bin=$node24
    if [ "$major" != 22 ]; then
      echo "Rebuilding the portal's native modules for Node $major..."
      (cd "$portal" && on_node "$bin" "$yarn_bin/yarn" rebuild >"$work/$template-rebuild-$major.log" 2>&1) || {
        tail -30 "$work/$template-rebuild-$major.log"
        results+=("fresh portal $template on Node $major: yarn rebuild failed")
        status=1
        continue
      }
    fi
    t1=$(date +%s)
    echo "Starting the $template portal on Node $major and checking it in chromium..."
    if (cd packages/e2e-tests && FRESH_PORTAL_DIR="$portal" FRESH_PORTAL_TEMPLATE="$template" \
      FRESH_PORTAL_YARN="$yarn_bin/yarn" FRESH_PORTAL_NODE_BIN="$bin" \
      on_node "$bin" npx backstage-cli package test --watchAll=false freshPortal.portal); then
      results+=("fresh portal $template on Node $major: passed ($(($(date +%s) - t1)) s)")
    else
      results+=("fresh portal $template on Node $major: failed")
      status=1
    fi
  done
  echo "$template template: install $((t_install - t0)) s, suite added $((t_add - t_install)) s, total $(($(date +%s) - t0)) s"
done

printf '%s\n' "${results[@]}"
echo "fresh portal tests: $(($(date +%s) - start_all)) s"
exit $status
