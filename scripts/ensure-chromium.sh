#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests, idempotently. Never
# downloads a browser of its own: playwright-core drives this one.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "Debian's chromium is not installed and this is not root: run 'apt-get install chromium' as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq chromium >&2
