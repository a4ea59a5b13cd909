#!/usr/bin/env bash
# Stops the server started by scripts/start-test-postgres.sh and deletes its data.
# Usage: scripts/stop-test-postgres.sh [DIR]   (DIR defaults to $PROVISIONING_TEST_POSTGRES_DIR)
set -euo pipefail
dir=${1:-${PROVISIONING_TEST_POSTGRES_DIR:-}}
if [[ -z "$dir" || ! -d "$dir/data" ]]; then
  echo "stop-test-postgres: no server directory given (pass it or set PROVISIONING_TEST_POSTGRES_DIR)" >&2
  exit 2
fi
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if [[ $(id -u) -eq 0 ]]; then
  runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
else
  "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
fi
rm -rf "$dir"
echo "stop-test-postgres: stopped and removed $dir" >&2
