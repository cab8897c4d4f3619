#!/usr/bin/env bash
# A private PostgreSQL server for the store tests; prints its SQLAlchemy URL on stdout.
#
#   export LAGEBILD_TEST_PG=$(.ci/postgres.sh)
#
# Idempotent: installs Debian's postgresql when missing (needs root), creates a data directory
# under /tmp on first use, starts the server when it is not running, creates role and database
# "lagebild". The system cluster is left alone. Settings (environment):
#   LAGEBILD_PGDATA  data directory   (default /tmp/lagebild-pg)
#   LAGEBILD_PGPORT  TCP port on 127.0.0.1 (default 5432, or 54329 when 5432 is taken)
# Stop it with: pg_ctl -D /tmp/lagebild-pg stop   (as the postgres user when started by root)
set -euo pipefail

PGDATA=${LAGEBILD_PGDATA:-/tmp/lagebild-pg}
PORT=${LAGEBILD_PGPORT:-5432}
SOCK="$PGDATA/socket"
log() { echo "postgres.sh: $*" >&2; }

pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

BIN=$(pgbin)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
    if [ "$(id -u)" != 0 ]; then
        log "PostgreSQL is not installed and this is not root: apt-get install postgresql first"; exit 1
    fi
    log "installing postgresql from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
    BIN=$(pgbin)
fi

# initdb and postgres refuse to run as root: run them as the postgres account then.
if [ "$(id -u)" = 0 ]; then
    as_pg() { runuser -u postgres -- "$@"; }
    OWNER=postgres
else
    as_pg() { "$@"; }
    OWNER=$(id -un)
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    log "initialising $PGDATA"
    mkdir -p "$PGDATA"
    chown "$OWNER" "$PGDATA"
    chmod 700 "$PGDATA"
    # trust on the loopback and the private socket only: a throwaway test server
    as_pg "$BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
fi
as_pg mkdir -p "$SOCK"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if ! as_pg "$BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    if [ -z "${LAGEBILD_PGPORT:-}" ] && port_busy "$PORT"; then
        PORT=54329          # 5432 taken (the system cluster, say): a private port instead
    fi
    log "starting on 127.0.0.1:$PORT"
    # fsync off: test data need not survive a crash, and writes get much faster
    as_pg "$BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 start \
        -o "-p $PORT -k $SOCK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2 \
        || { tail -n 20 "$PGDATA/server.log" >&2; exit 1; }
fi
# the port it really listens on (a running server keeps the one it was started with)
PORT=$(head -n 4 "$PGDATA/postmaster.pid" | tail -n 1)

psql_pg() { as_pg "$BIN/psql" -h "$SOCK" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAq "$@"; }
if [ "$(psql_pg -c "SELECT 1 FROM pg_roles WHERE rolname = 'lagebild'")" != 1 ]; then
    psql_pg -c "CREATE ROLE lagebild LOGIN PASSWORD 'lagebild'"
fi
if [ "$(psql_pg -c "SELECT 1 FROM pg_database WHERE datname = 'lagebild'")" != 1 ]; then
    psql_pg -c "CREATE DATABASE lagebild OWNER lagebild ENCODING 'UTF8'"
fi

echo "postgresql+psycopg://lagebild:lagebild@127.0.0.1:$PORT/lagebild"
