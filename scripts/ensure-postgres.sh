#!/usr/bin/env bash
# Installs (Debian package) and starts a local PostgreSQL 15 for the store tests,
# idempotently, and prints the connection string the tests read from
# BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING.
set -euo pipefail
PASSWORD=runbooks-test
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/15/bin/postgres >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL 15 is not installed and this is not root: skipping" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql-15 >&2
fi
if ! pg_lsclusters -h 2>/dev/null | grep -q '^15 *main'; then
  pg_createcluster 15 main >&2
fi
if ! pg_lsclusters -h | grep -E '^15 +main' | grep -q online; then
  pg_ctlcluster 15 main start >&2
fi
for _ in $(seq 1 30); do
  if su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done
su postgres -c "psql -qAtc \"ALTER USER postgres PASSWORD '$PASSWORD'\"" >/dev/null
PORT=$(pg_lsclusters -h | awk '$1=="15" && $2=="main" {print $3}')
echo "postgresql://postgres:$PASSWORD@127.0.0.1:$PORT"
