#!/usr/bin/env bash
# A streaming replica of the main PostgreSQL 15 cluster (127.0.0.1:5432) on 127.0.0.1:5433, for
# test/services/replica.test.ts. Harmless when the replica already streams. Needs root (it runs
# the server as the postgres OS user) and a primary that trusts local connections.
set -euo pipefail

BIN=/usr/lib/postgresql/15/bin
DIR=${SLUICE_REPLICA_DIR:-/var/lib/postgresql/sluice-replica}
PORT=5433
LOG=/var/lib/postgresql/sluice-replica.log
SOCKETS=/tmp/sluice-replica

as_postgres() { runuser -u postgres -- "$@"; }

on_replica() { as_postgres psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atc "$1" 2>/dev/null || true; }
on_primary() { psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atc "$1"; }

# A standby in recovery is not enough: one whose primary has since recycled the WAL it needs (it
# was stopped while the primary worked on) starts, reports recovery, and never catches up. Only a
# standby of this very primary whose WAL receiver is streaming counts as up.
streaming() {
  [ "$(on_replica 'select pg_is_in_recovery()')" = t ] &&
    [ "$(on_replica 'select status from pg_stat_wal_receiver')" = streaming ] &&
    [ "$(on_replica 'select system_identifier from pg_control_system()')" = "$(on_primary 'select system_identifier from pg_control_system()')" ]
}

if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  if streaming; then
    echo "start-replica: a streaming replica already answers on 127.0.0.1:$PORT"
    exit 0
  fi
  if ! as_postgres "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
    echo "start-replica: 127.0.0.1:$PORT answers but is not the replica in $DIR" >&2
    exit 1
  fi
  echo "start-replica: the replica in $DIR is not streaming from 127.0.0.1:5432; making it again"
fi
# Whatever an earlier run left (a stopped or stale standby, an interrupted backup) is made again
# from a fresh base backup: a few seconds, and it cannot be behind the primary.
as_postgres "$BIN/pg_ctl" -D "$DIR" -m immediate stop >/dev/null 2>&1 || true

# pg_basebackup and the walreceiver connect for replication, which "host all all" does not cover.
HBA=$(psql -h 127.0.0.1 -p 5432 -U postgres -Atc 'show hba_file')
if ! grep -Eq '^[[:space:]]*host[[:space:]]+replication[[:space:]]+(all|postgres)[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$HBA"; then
  echo "host replication postgres 127.0.0.1/32 trust" >>"$HBA"
  psql -h 127.0.0.1 -p 5432 -U postgres -Atc 'select pg_reload_conf()' >/dev/null
  sleep 1
fi

rm -rf "$DIR"
install -d -o postgres -g postgres -m 700 "$DIR"
as_postgres "$BIN/pg_basebackup" -h 127.0.0.1 -p 5432 -U postgres -D "$DIR" -R -X stream -c fast
# Debian keeps the cluster's configuration under /etc, so the backup holds none: the replica gets
# its own. A hot standby needs at least the primary's max_connections.
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

install -d -o postgres -g postgres -m 755 "$SOCKETS"
as_postgres "$BIN/pg_ctl" -D "$DIR" -l "$LOG" -w -t 120 start

for _ in $(seq 1 120); do
  if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" && streaming; then
    echo "start-replica: replica up and streaming on 127.0.0.1:$PORT"
    exit 0
  fi
  sleep 1
done
echo "start-replica: the replica on 127.0.0.1:$PORT did not come up streaming; the end of $LOG:" >&2
tail -n 20 "$LOG" >&2 || true
exit 1
