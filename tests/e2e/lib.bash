# What the end-to-end scripts share: `source "$(dirname "$0")/lib.bash"`. Not a test itself
# (ctest runs tests/e2e/*.sh). A script sets $out (its scratch folder) before it calls the GUI
# helpers; they report through fail(), which a script may define again after sourcing this.

# fail WHAT: the script's name, FAIL and why, then every log of $out; exit 1.
fail() {
  echo "$(basename "$0" .sh): FAIL: $*"
  local f
  for f in "$out"/*.log; do [ -f "$f" ] && { echo "--- $(basename "$f") ---"; cat "$f"; }; done
  exit 1
}

# Python snippets reach rsdb.py (a store on either engine) by `import rsdb`.
export PYTHONPATH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)${PYTHONPATH:+:$PYTHONPATH}"

# ---- checks that count: ok/bad lines and a summary ----
passes=0
fails=0
ok()  { passes=$((passes + 1)); echo "ok   - $1"; }
bad() { fails=$((fails + 1)); echo "FAIL - $1"; }

# expect_code WANT DESCRIPTION command...: runs the command (stdout in out.txt, stderr in err.txt
# of the current folder) and counts whether it exited with WANT.
expect_code() {
  local want=$1 what=$2
  shift 2
  "$@" >out.txt 2>err.txt
  local got=$?
  if [ "$got" = "$want" ]; then ok "$what (exit $got)"; else bad "$what: exit $got, wanted $want"; cat out.txt err.txt; fi
}

# ---- the real workstation on a virtual screen ----
e2e_pids=()
xvfb_pid=""

e2e_cleanup() {
  local p
  for p in "${e2e_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
}

# Starts Xvfb at 1600x900 on a display number nobody uses, exports DISPLAY, and gives the
# workstations a fresh config folder (the shipped default layout, not the developer's own).
start_xvfb() {
  local tool n disp=""
  for tool in Xvfb xdotool python3; do
    command -v $tool >/dev/null || fail "$tool is missing (bash .ci/setup installs it)"
  done
  for n in $(seq 91 199); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then disp=":$n"; break; fi
  done
  [ -n "$disp" ] || fail "no free X display number"
  Xvfb "$disp" -screen 0 1600x900x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
  xvfb_pid=$!
  trap e2e_cleanup EXIT
  export DISPLAY="$disp"
  for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done
  export XDG_CONFIG_HOME="$out/config"
  rm -rf "$XDG_CONFIG_HOME"
  # A decision waiting for the server is kept here (pending_decision.hpp), one test's own.
  export XDG_STATE_HOME="$out/state"
  rm -rf "$XDG_STATE_HOME"
}

# gui_start LOG USER DB [ENV=VALUE...]: a workstation in the background, its pid in $gui_pid.
# USER is a demo account (r1, r2, r3, sup...): it signs in with RS_PASSWORD (demo unless given).
gui_start() {
  local log=$1 user=$2 db=$3
  shift 3
  env RS_PASSWORD="${RS_PASSWORD:-demo}" "$@" "$bin" gui --db "$db" --user "$user" >"$out/$log" 2>&1 &
  gui_pid=$!
  e2e_pids+=("$gui_pid")
}

# wait_log LOG PID PATTERN [LIMIT]: waits until $out/LOG has a line matching the extended regex,
# at most LIMIT seconds (90), while PID lives.
wait_log() {
  local log=$1 pid=$2 pattern=$3 limit=${4:-90} i
  for i in $(seq $((limit * 10))); do
    grep -Eq "$pattern" "$out/$log" && return 0
    kill -0 "$pid" 2>/dev/null || fail "$log: the workstation exited while waiting for: $pattern"
    sleep 0.1
  done
  fail "$log: timed out waiting for: $pattern"
}

# wait_exit PID [LIMIT]: waits at most LIMIT seconds (90) for PID to end; its exit status in $rc.
wait_exit() {
  local pid=$1 limit=${2:-90} i
  for i in $(seq $((limit * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    # Where it hangs, for whoever reads the failure.
    command -v gdb >/dev/null && timeout 60 gdb -p "$pid" -batch -ex "thread apply all bt 12" 2>/dev/null |
      grep -E "^#|^Thread" >"$out/hang-$pid.log" || true
    fail "pid $pid still runs after ${limit}s (threads: $out/hang-$pid.log)"
  fi
  rc=0
  wait "$pid" || rc=$?
}

# gui_window PID [ALLOW_GONE]: the window of a workstation process, focused, in $wid. With
# ALLOW_GONE=1 a process that has already ended returns 1 instead of failing.
gui_window() {
  local pid=$1 allow_gone=${2:-0} i
  wid=""
  for i in $(seq 300); do  # up to 60 s: a loaded machine maps the window late
    wid=$(xdotool search --pid "$pid" --name "ReviewStation" 2>/dev/null | head -1) || true
    [ -n "$wid" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then
      [ "$allow_gone" = 1 ] && return 1
      fail "pid $pid exited before its window was found"
    fi
    sleep 0.2
  done
  [ -n "$wid" ] || fail "no window of pid $pid"
  xdotool windowfocus --sync "$wid" 2>/dev/null || true
}

press() { xdotool key --clearmodifiers "$1"; sleep 0.3; }

# close_gui PID: Ctrl+Q in its window, and a clean exit expected.
close_gui() {
  local pid=$1 try i
  # Without a window manager the focus can stay on a neighbour, and the fallback press below may
  # have closed this one while closing the one before it: an exit already made must still be clean.
  if ! gui_window "$pid" 1; then
    wait_exit "$pid" 5
    [ "$rc" = 0 ] || fail "the workstation (pid $pid) exited with $rc"
    return 0
  fi
  # On a loaded machine a key can arrive before the window has focus: press again, up to 3 times
  # (and wait for the focus up to 6 times).
  local pressed=0
  for try in 1 2 3 4 5 6; do
    [ "$pressed" -lt 3 ] || break
    kill -0 "$pid" 2>/dev/null || break
    xdotool windowfocus --sync "$wid" 2>/dev/null || true
    # Only into its own window: a retry must never quit another workstation that has the focus
    # now (a slow exit of this one under load once made the second Ctrl+Q close its neighbour).
    # Without a window manager the focus can stay elsewhere: after 3 s press anyway.
    [ "$(xdotool getwindowfocus 2>/dev/null)" = "$wid" ] || [ "$try" -ge 4 ] || { sleep 1; continue; }
    xdotool key --clearmodifiers ctrl+q
    pressed=$((pressed + 1))
    for i in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null || break
  done
  wait_exit "$pid" 60
  [ "$rc" = 0 ] || fail "the workstation (pid $pid) exited with $rc on Ctrl+Q"
}

# screenshot FILE: the whole virtual screen as PNG.
screenshot() {
  if command -v import >/dev/null && import -version 2>/dev/null | grep -q ImageMagick; then
    import -window root "$1"
  else
    xwd -root -silent | convert xwd:- "$1"
  fi
  [ -s "$1" ] || fail "no screenshot $1"
}

# json_field KEY: the field of the first JSON line on stdin.
json_field() { python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())[sys.argv[1]])' "$1"; }

# ---- the engine a script runs on ----
# e2e_pg_db [SUFFIX]: a fresh database on the pg fixture's server (ctest sets RS_TEST_PG_URL_FILE),
# its superuser URL on stdout; a script that needs two gives the second a SUFFIX (a-z). e2e_db_drop
# (trap it on EXIT) removes them.
e2e_pg_db() {
  local server name
  server=$(e2e_pg_server) || return 1
  name=$(e2e_db_name "${1:-}")
  psql "$server" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $name" >&2 || return 1
  echo "${server%/*}/$name"
}
e2e_pg_server() { cat "${RS_TEST_PG_URL_FILE:?the URL file of the pg fixture, set by ctest}"; }
# e2e_private_pg_server DIR: a PostgreSQL server of the test's own in DIR (tests/pg/server.sh),
# for a test that crashes or stops its server (pg_fault, pg_reconnect): the tests sharing the pg
# fixture's server keep running beside it. Points RS_TEST_PG_URL_FILE at it; e2e_private_pg_stop
# (from the test's EXIT trap) stops it and removes its data.
e2e_private_pg=""
e2e_private_pg_server() {
  e2e_private_pg=$1
  rm -rf "$e2e_private_pg"
  bash "$(dirname "${BASH_SOURCE[0]}")/../pg/server.sh" start "$e2e_private_pg" >"$e2e_private_pg.log" 2>&1 ||
    fail "could not start a PostgreSQL server of the test's own in $e2e_private_pg: $(tail -5 "$e2e_private_pg.log")"
  export RS_TEST_PG_URL_FILE="$e2e_private_pg/url"
}
e2e_private_pg_stop() {
  [ -n "$e2e_private_pg" ] || return 0
  bash "$(dirname "${BASH_SOURCE[0]}")/../pg/server.sh" stop "$e2e_private_pg" >/dev/null 2>&1 || true
}
e2e_db_name() { echo "rs_e2e_$(basename "$0" .sh)_$$${1:+_$1}"; }
e2e_db_drop() {
  [ -n "${RS_TEST_PG_URL_FILE:-}" ] || return 0
  local name
  for name in $(psql "$(e2e_pg_server)" -X -A -t -c \
    "SELECT datname FROM pg_database WHERE datname ~ '^$(e2e_db_name)(_[a-z]+)?\$'" 2>/dev/null); do
    psql "$(e2e_pg_server)" -X -q -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1
  done
}
# e2e_db_copy DB NAME SUFFIX: a copy of the store DB (from e2e_db) as the forger's working copy:
# the SQLite file copied to NAME, or a PostgreSQL database made from DB as its template.
e2e_db_copy() {
  if [ "${RS_E2E_ENGINE:-sqlite}" != postgresql ]; then
    cp "$1" "$2" && echo "$2"
    return
  fi
  local name
  name=$(e2e_db_name "$3")
  psql "$(e2e_pg_server)" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $name TEMPLATE ${1##*/}" >&2 || return 1
  echo "${1%/*}/$name"
}
# e2e_db NAME [SUFFIX]: the --db value of a script that runs on both engines: NAME (a SQLite file
# in the current folder), or with RS_E2E_ENGINE=postgresql (ctest's *_pg runs) a fresh PostgreSQL
# database (a second one with a SUFFIX, see e2e_pg_db).
e2e_db() {
  if [ "${RS_E2E_ENGINE:-sqlite}" = postgresql ]; then e2e_pg_db "${2:-}"; else echo "$1"; fi
}
