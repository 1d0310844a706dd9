#!/usr/bin/env bash
# A streaming replica of the main PostgreSQL 15 cluster (127.0.0.1:5432) on 127.0.0.1:5433, for
# test/services/replica.test.ts. Harmless when the replica already answers. Needs root (it runs
# the server as the postgres OS user) and a primary that trusts local connections.
set -euo pipefail

BIN=/usr/lib/postgresql/15/bin
DIR=${SLUICE_REPLICA_DIR:-/var/lib/postgresql/sluice-replica}
PORT=5433
LOG=/var/lib/postgresql/sluice-replica.log
SOCKETS=/tmp/sluice-replica

as_postgres() { runuser -u postgres -- "$@"; }

in_recovery() { as_postgres psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atc 'select pg_is_in_recovery()' 2>/dev/null || true; }

if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  if [ "$(in_recovery)" = t ]; then
    echo "start-replica: a replica already answers on 127.0.0.1:$PORT"
    exit 0
  fi
  echo "start-replica: 127.0.0.1:$PORT answers but is not a replica (pg_is_in_recovery() is not true)" >&2
  exit 1
fi

# pg_basebackup and the walreceiver connect for replication, which "host all all" does not cover.
HBA=$(psql -h 127.0.0.1 -p 5432 -U postgres -Atc 'show hba_file')
if ! grep -Eq '^[[:space:]]*host[[:space:]]+replication[[:space:]]+(all|postgres)[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$HBA"; then
  echo "host replication postgres 127.0.0.1/32 trust" >>"$HBA"
  psql -h 127.0.0.1 -p 5432 -U postgres -Atc 'select pg_reload_conf()' >/dev/null
  sleep 1
fi

# A data directory without a finished base backup (an interrupted earlier run) is made again.
if [ ! -f "$DIR/standby.signal" ] || [ ! -f "$DIR/PG_VERSION" ]; then
  rm -rf "$DIR"
  install -d -o postgres -g postgres -m 700 "$DIR"
  as_postgres "$BIN/pg_basebackup" -h 127.0.0.1 -p 5432 -U postgres -D "$DIR" -R -X stream -c fast
fi
# Debian keeps the cluster's configuration under /etc, so the backup holds none: the replica gets
# its own. A hot standby needs at least the primary's max_connections.
if [ ! -f "$DIR/postgresql.conf" ]; then
  PRIMARY_MAX=$(psql -h 127.0.0.1 -p 5432 -U postgres -Atc 'show max_connections')
  cat >"$DIR/postgresql.conf" <<CONF
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCKETS'
hot_standby = on
max_connections = $PRIMARY_MAX
shared_buffers = 32MB
CONF
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$DIR/pg_hba.conf"
  : >"$DIR/pg_ident.conf"
  chown postgres:postgres "$DIR/postgresql.conf" "$DIR/pg_hba.conf" "$DIR/pg_ident.conf"
fi

install -d -o postgres -g postgres -m 755 "$SOCKETS"
# A server that stopped uncleanly leaves its pid file; pg_ctl start handles a stale one.
as_postgres "$BIN/pg_ctl" -D "$DIR" -l "$LOG" -w -t 120 start

for _ in $(seq 1 120); do
  if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" && [ "$(in_recovery)" = t ]; then
    echo "start-replica: replica up on 127.0.0.1:$PORT"
    exit 0
  fi
  sleep 1
done
echo "start-replica: the replica did not come up on 127.0.0.1:$PORT; see $LOG" >&2
exit 1
