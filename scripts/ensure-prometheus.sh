#!/usr/bin/env bash
# Installs Debian's prometheus and prometheus-alertmanager for the Alertmanager
# end-to-end test, idempotently. The test starts its own processes (loopback
# only, free ports, own data folders): the packages' system services are never
# started here, and are stopped if the install started them anyway.
set -euo pipefail
if [ -x /usr/bin/prometheus ] && [ -x /usr/bin/prometheus-alertmanager ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "Debian's prometheus/prometheus-alertmanager are not installed and this is not root: run 'apt-get install prometheus prometheus-alertmanager' as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Forbid the postinst scripts to start services (invoke-rc.d honours
# policy-rc.d; exit 101 = action forbidden), unless a policy already exists.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  trap 'rm -f "$policy"' EXIT
fi
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends prometheus prometheus-alertmanager >&2
# Belt and braces: stop the services if something started them all the same.
for service in prometheus prometheus-alertmanager; do
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    systemctl disable --now "$service" >/dev/null 2>&1 || true
  elif [ -x "/etc/init.d/$service" ]; then
    "/etc/init.d/$service" stop >/dev/null 2>&1 || true
  fi
done
