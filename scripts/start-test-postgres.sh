#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the test suite on 127.0.0.1 and prints the lines to export.
# Usage: eval "$(scripts/start-test-postgres.sh)"      (stop it with scripts/stop-test-postgres.sh)
# Runs as root in CI: PostgreSQL refuses to run as root, so the server runs as the 'postgres' user.
# The admin password is generated per run and only ever printed inside the export line.
set -euo pipefail

log() { echo "start-test-postgres: $*" >&2; }

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
  log "PostgreSQL not found; installing the Debian package 'postgresql'"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

port=${1:-$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
datadir=$(mktemp -d /tmp/provisioning-pg.XXXXXX)
password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
chown postgres:postgres "$datadir"
chmod 700 "$datadir"
printf '%s\n' "$password" > "$datadir.pw"
chown postgres:postgres "$datadir.pw"

as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

as_postgres "$bindir/initdb" -D "$datadir/data" -U postgres --pwfile="$datadir.pw" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$datadir/initdb.log" 2>&1 \
  || { cat "$datadir/initdb.log" >&2; exit 1; }
rm -f "$datadir.pw"
# Durability is pointless for a throwaway server; turning it off makes DDL-heavy tests much faster.
as_postgres "$bindir/pg_ctl" -D "$datadir/data" -l "$datadir/server.log" -w -t 60 start \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $datadir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >&2 \
  || { cat "$datadir/server.log" >&2; exit 1; }
log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$port (data in $datadir)"

echo "export PROVISIONING_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres'"
echo "export PROVISIONING_TEST_POSTGRES_DIR='$datadir'"
