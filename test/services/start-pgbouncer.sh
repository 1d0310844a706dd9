#!/usr/bin/env bash
# PgBouncer in transaction mode on 127.0.0.1:6432 in front of the main PostgreSQL cluster
# (127.0.0.1:5432), for test/services/pgbouncer.test.ts. Installs Debian's package when missing
# and is harmless when PgBouncer already answers. Its configuration lives under its own directory;
# the package's service (which would take port 6432 with /etc/pgbouncer's settings) is stopped.
set -euo pipefail

PORT=6432
DIR=${SLUICE_PGBOUNCER_DIR:-/tmp/sluice-pgbouncer}

answers() { psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; }

if answers; then
  echo "start-pgbouncer: PgBouncer already answers on 127.0.0.1:$PORT"
  exit 0
fi

if ! command -v pgbouncer >/dev/null && [ ! -x /usr/sbin/pgbouncer ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y pgbouncer >/dev/null || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y pgbouncer >/dev/null; }
fi
# The package starts its own service on the same port; this one replaces it.
if command -v systemctl >/dev/null && systemctl is-active --quiet pgbouncer 2>/dev/null; then
  systemctl stop pgbouncer || true
  systemctl disable pgbouncer >/dev/null 2>&1 || true
fi
if [ -x /etc/init.d/pgbouncer ] && /etc/init.d/pgbouncer status >/dev/null 2>&1; then
  /etc/init.d/pgbouncer stop >/dev/null || true
fi

install -d -o postgres -g postgres -m 755 "$DIR"
# A small pool, so consecutive statements of one client really land on different server connections.
cat >"$DIR/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=5432

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PORT
unix_socket_dir = $DIR
auth_type = trust
auth_file = $DIR/userlist.txt
pool_mode = transaction
default_pool_size = 3
max_client_conn = 200
ignore_startup_parameters = extra_float_digits,options
logfile = $DIR/pgbouncer.log
pidfile = $DIR/pgbouncer.pid
INI
printf '"postgres" ""\n' >"$DIR/userlist.txt"
chown postgres:postgres "$DIR/pgbouncer.ini" "$DIR/userlist.txt"

# A pid file left by a PgBouncer that no longer runs would stop -d from starting.
if [ -f "$DIR/pgbouncer.pid" ] && ! kill -0 "$(cat "$DIR/pgbouncer.pid")" 2>/dev/null; then rm -f "$DIR/pgbouncer.pid"; fi
runuser -u postgres -- /usr/sbin/pgbouncer -d "$DIR/pgbouncer.ini"

for _ in $(seq 1 60); do
  if answers; then
    echo "start-pgbouncer: PgBouncer up on 127.0.0.1:$PORT (transaction pooling)"
    exit 0
  fi
  sleep 0.5
done
echo "start-pgbouncer: PgBouncer did not answer on 127.0.0.1:$PORT; see $DIR/pgbouncer.log" >&2
exit 1
