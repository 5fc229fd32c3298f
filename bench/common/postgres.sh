# Sourced by the bench run scripts: a throw-away PostgreSQL 15 cluster in a temp dir, reachable only
# through a unix socket in that dir, stopped and deleted on exit. Runs the server as the `postgres`
# user when started as root (PostgreSQL refuses to run as root).
# After `pg_start DIR`, $PG_CONNINFO is the libpq connection string.
pg_bin=/usr/lib/postgresql/15/bin

pg_as() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  local dir=$1
  mkdir -p "$dir"
  if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
  pg_as "$pg_bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 -A trust >"$dir/initdb.log" 2>&1
  pg_as "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-k $dir -c listen_addresses='' -c port=5432 -c fsync=off -c shared_buffers=256MB" start >/dev/null
  PG_DIR=$dir
  PG_CONNINFO="host=$dir port=5432 user=postgres"
}

pg_stop() {
  if [[ -n "${PG_DIR:-}" ]]; then
    pg_as "$pg_bin/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
    PG_DIR=
  fi
}
