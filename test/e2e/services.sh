#!/usr/bin/env bash
# Redis and PostgreSQL for the queue-mode e2e test (test/e2e/queue.e2e.test.ts), on loopback, in a throwaway folder.
#
#   services.sh start DIR PG_PORT REDIS_PORT   installs the Debian packages if missing, starts both, creates database n8n
#   services.sh stop DIR                        stops both and removes DIR
#
# CI runs on a fresh machine of the same kind (Debian 12), so the packages are installed here when missing
# (apt-get, non-interactive; sudo only when not root). PostgreSQL refuses to run as root: as root the cluster
# belongs to the "postgres" user the package creates. Nothing is left running or registered with the system:
# both servers are started by hand on the given ports, with their data, sockets and logs inside DIR
# (the packages' own services are not used).
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

install_packages() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  { [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ]; } || missing+=(postgresql)
  [ ${#missing[@]} = 0 ] && return 0
  echo "services.sh: installing ${missing[*]} with apt-get" >&2
  # One install at a time on this machine (other test runs may get here together); apt waits for dpkg's lock too.
  exec 9>/tmp/vc-e2e-apt.lock
  flock -w 900 9
  command -v redis-server >/dev/null && [ -n "$(pg_bin)" ] && { exec 9>&-; return 0; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}" >&2
  exec 9>&-
  command -v redis-server >/dev/null && [ -x "$(pg_bin)/initdb" ] || { echo "services.sh: install failed" >&2; exit 1; }
}

# Runs a PostgreSQL command as the cluster's owner: "postgres" when we are root, else ourselves.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local dir="$1" pg_port="$2" redis_port="$3"
  install_packages
  local bin; bin="$(pg_bin)"
  mkdir -p "$dir/pg" "$dir/redis"
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir/pg"

  as_pg "$bin/initdb" -D "$dir/pg/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_pg "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/postgres.log" -w -t 120 start \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir/pg -c fsync=off -c max_connections=100" \
    >/dev/null || { cat "$dir/pg/postgres.log" >&2; exit 1; }
  as_pg "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres n8n

  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$dir/redis" --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log"
  for _ in $(seq 1 100); do
    redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG && break
    sleep 0.1
  done
  redis-cli -h 127.0.0.1 -p "$redis_port" ping | grep -q PONG || { cat "$dir/redis/redis.log" >&2; exit 1; }
  echo "postgres 127.0.0.1:$pg_port (database n8n, user postgres, $("$bin/postgres" --version)); redis 127.0.0.1:$redis_port ($(redis-server --version | cut -d' ' -f3))"
}

stop() {
  local dir="$1" bin; bin="$(pg_bin)"
  if [ -f "$dir/pg/data/postmaster.pid" ]; then as_pg "$bin/pg_ctl" -D "$dir/pg/data" -m fast -w stop >/dev/null || true; fi
  if [ -f "$dir/redis/redis.pid" ]; then
    local pid; pid="$(cat "$dir/redis/redis.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) [ $# = 4 ] || { echo "usage: $0 start DIR PG_PORT REDIS_PORT" >&2; exit 2; }; start "$2" "$3" "$4" ;;
  stop) [ $# = 2 ] || { echo "usage: $0 stop DIR" >&2; exit 2; }; stop "$2" ;;
  *) echo "usage: $0 start DIR PG_PORT REDIS_PORT | stop DIR" >&2; exit 2 ;;
esac
