#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the test suite (issue 18), so the README's one-line test
# command needs no service set up beforehand:
#   server.sh start DIR              initdb into DIR/data, start on 127.0.0.1 on a free port with its
#                                    socket in DIR, write a superuser's URL to DIR/url
#   server.sh stop DIR               stop it (fast) and remove DIR/data; fine when nothing runs
#   server.sh restart-immediate DIR  `pg_ctl stop -m immediate` (a crash, as the fault test wants),
#                                    then start again on the same port
#   server.sh crash DIR / resume DIR the same two steps apart (a server away for a while)
# The server log is DIR/log. PostgreSQL refuses to run as root: as root the server runs as the
# Debian package's `postgres` user (or `nobody`), which then owns DIR; when that user cannot reach
# DIR (a checkout under /root, mode 700), the server's files go to a folder of its own under /tmp,
# named in DIR/home, with DIR/data and DIR/log linking to it.
set -euo pipefail

pg_bin=${RS_PG_BIN:-/usr/lib/postgresql/15/bin}
role=rs_test

die() {
  echo "pg server: $*" >&2
  exit 1
}

usage() { die "usage: server.sh start|stop|restart-immediate|crash|resume DIR"; }

[ $# -eq 2 ] || usage
cmd=$1
dir=$2
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
# home: where the server's own files (data, socket, log) are; DIR unless DIR/home says otherwise.
home=$dir
[ -f "$dir/home" ] && home=$(cat "$dir/home")
data="$home/data"

for tool in initdb pg_ctl postgres pg_isready; do
  [ -x "$pg_bin/$tool" ] || die "$pg_bin/$tool is missing: install postgresql-15 (bash .ci/setup does)"
done

# as_server CMD...: runs a PostgreSQL binary as the user the server runs as.
run_as=""
if [ "$(id -u)" -eq 0 ]; then
  if getent passwd postgres >/dev/null; then run_as=postgres; else run_as=nobody; fi
fi
as_server() {
  if [ -n "$run_as" ]; then
    (cd / && runuser -u "$run_as" -- "$@")
  else
    "$@"
  fi
}

running() { [ -f "$data/postmaster.pid" ] && as_server "$pg_bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# choose_home: DIR when the server's user can write it, else a folder of its own under /tmp.
choose_home() {
  home=$dir
  if [ -n "$run_as" ]; then
    chown "$run_as" "$dir"
    if ! runuser -u "$run_as" -- test -w "$dir"; then
      home=$(mktemp -d /tmp/rs-pg.XXXXXX)
      chown "$run_as" "$home"
      echo "$home" >"$dir/home"
      ln -sfn "$home/data" "$dir/data"
      ln -sfn "$home/log" "$dir/log"
    fi
  fi
  data="$home/data"
}

init_cluster() {
  choose_home
  # --no-sync: nothing of this cluster needs to survive a power cut.
  as_server "$pg_bin/initdb" -D "$data" -U "$role" --auth=trust -E UTF8 --locale=C --no-sync \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb into $data failed"; }
  # A throwaway server's settings, NOT a centre's: fsync and full-page writes off (the data dies with
  # the test machine anyway, and the suite runs faster on a loaded VM); synchronous_commit stays on so
  # a commit still waits for the WAL write, as on a real server; 200 connections for the load test's
  # 32 workstations plus the test cases beside it.
  cat >>"$data/postgresql.conf" <<EOF

# ---- tests/pg/server.sh: a throwaway test server ----
listen_addresses = '127.0.0.1'
unix_socket_directories = '$home'
fsync = off
full_page_writes = off
max_connections = 200
shared_buffers = 128MB
EOF
}

# start_server PORT: starts the cluster on PORT and waits until it answers; 1 if it would not start.
start_server() {
  local port=$1
  sed -i '/^port = /d' "$data/postgresql.conf"
  echo "port = $port" >>"$data/postgresql.conf"
  if [ -n "$run_as" ]; then touch "$home/log" && chown "$run_as" "$home/log"; fi
  as_server "$pg_bin/pg_ctl" -D "$data" -l "$home/log" -w -t 60 start >/dev/null || return 1
  for _ in $(seq 100); do
    "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$role" && return 0
    sleep 0.1
  done
  return 1
}

start() {
  running && as_server "$pg_bin/pg_ctl" -D "$data" -m immediate stop >/dev/null
  remove_home
  init_cluster
  # Another process may take the port between choosing and binding it: then try another.
  local port
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    if start_server "$port"; then
      echo "$port" >"$dir/port"
      echo "postgresql://$role@127.0.0.1:$port/postgres" >"$dir/url"
      echo "pg server: $(cat "$dir/url") (data $data, log $dir/log)"
      return 0
    fi
    running && as_server "$pg_bin/pg_ctl" -D "$data" -m immediate stop >/dev/null
  done
  tail -n 20 "$dir/log" >&2 || true
  die "the server in $data would not start (log: $dir/log)"
}

# remove_home: the cluster, and the folder under /tmp if there was one; DIR keeps the log.
remove_home() {
  rm -rf "$data"
  if [ "$home" != "$dir" ]; then
    rm -f "$dir/log"
    cp "$home/log" "$dir/log" 2>/dev/null || true
    rm -rf "$home"
  fi
  rm -f "$dir/url" "$dir/port" "$dir/home"
  [ -L "$dir/data" ] && rm -f "$dir/data"
  return 0
}

stop() {
  if running; then as_server "$pg_bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi
  remove_home
  echo "pg server: stopped, $data removed"
}

crash() {
  [ -f "$dir/port" ] || die "no server was started in $dir"
  if running; then as_server "$pg_bin/pg_ctl" -D "$data" -m immediate stop >/dev/null; fi
  echo "pg server: stopped immediately (a crash), data kept"
}

resume() {
  [ -f "$dir/port" ] || die "no server was started in $dir"
  start_server "$(cat "$dir/port")" || die "the server in $data would not start again (log: $dir/log)"
  echo "pg server: started again on port $(cat "$dir/port")"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  restart-immediate) crash && resume ;;
  crash) crash ;;
  resume) resume ;;
  *) usage ;;
esac
