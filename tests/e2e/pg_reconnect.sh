#!/usr/bin/env bash
# A workstation on PostgreSQL whose server goes away (issue 18), end to end: the real GUI under Xvfb
# with key presses, signed in as r1 on a PostgreSQL server of the test's own (it crashes it).
#  1. r1 approves orders; the server is restarted with `server.sh restart-immediate` (a crash) and
#     r1 approves during it: the banner shows (screenshot), the decision is kept and sent again with
#     its key once the server is back, the workstation goes on deciding.
#     Afterwards every decided order has exactly one decision, no image number twice, the decisions
#     the log reported are the ones in the tables, and `audit verify` holds.
#  2. The queue empty, the idle workstation waits on LISTEN: an order ingested later is on screen
#     within a second (it would take up to the 30 s fallback without the notification).
#  3. The server stopped, r1 approves and quits: the decision is kept on disk; the server back, r1
#     signs in again and the kept decision is made at once, under its lease and key, and the file goes.
# usage: pg_reconnect.sh BINARY SCRATCH_DIR
set -euo pipefail
bin=$(realpath "${1:?usage: pg_reconnect.sh BINARY SCRATCH_DIR}")
out=${2:?scratch dir}
mkdir -p "$out"
out=$(realpath "$out")
rm -f "$out"/*.log "$out"/*.png
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.bash"
for tool in psql pg_isready; do command -v $tool >/dev/null || fail "$tool is missing (bash .ci/setup installs it)"; done
# A server of its own: crashing the fixture's would fail the tests running beside this one.
e2e_private_pg_server "$out/pg"
url_file=$RS_TEST_PG_URL_FILE
server=$(cat "$url_file")
pg_dir=$(dirname "$url_file")
db_name="rs_reconnect_$$"
db="${server%/*}/$db_name"
psql "$server" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db_name" || fail "cannot create $db_name"
start_xvfb
trap 'e2e_cleanup; e2e_private_pg_stop' EXIT
cd "$out"
q() { psql "$db" -X -A -t -q -c "$1"; }

"$bin" demo --db "$db" --orders 8 --no-gui --no-history >demo.log 2>&1 || fail "demo could not fill $db: $(cat demo.log)"
gui_start ws.log r1 "$db"
gui_window "$gui_pid"
wait_log ws.log "$gui_pid" "^gui: showing " 90
approvals() { cat "$out"/ws*.log | grep -c "^gui: approved " || true; }
approve_one() {  # A, then the approval's line (a key lost to a busy frame is pressed again)
  local before
  before=$(approvals)
  for _ in 1 2 3; do
    press a
    for _ in $(seq 50); do [ "$(approvals)" -gt "$before" ] && return 0; sleep 0.1; done
  done
  fail "no approval after pressing A three times"
}

# ---- 1. decisions across a server crash ----
approve_one
approve_one
ok "r1 approved 2 orders before the restart"
bash "$here/../pg/server.sh" restart-immediate "$pg_dir" >restart.log 2>&1 &
restart_pid=$!
# Press while the server is down (or just back: every connection made before the crash is dead
# either way, so the first decision after it meets a lost connection).
for _ in $(seq 100); do pg_isready -q -d "$server" || break; sleep 0.02; done
press a
wait_log ws.log "$gui_pid" "^gui: kept .* for the server: approve" 20
ok "the decision pressed during the outage was kept: $(grep '^gui: kept' ws.log | head -1)"
wait_log ws.log "$gui_pid" "^gui: connection lost, retry [0-9]+, a decision kept" 20
screenshot "$out/banner.png"
wait "$restart_pid" || fail "the server did not come back: $(cat restart.log)"
wait_log ws.log "$gui_pid" "^gui: approved .*\(resumed" 60
ok "sent again once the server was back: $(grep -E '^gui: approved .*\(resumed' ws.log | head -1)"
retries=$(grep -c "^gui: connection lost, retry" ws.log || true)
ok "the banner counted $retries retries"
approve_one
approve_one
ok "the workstation went on deciding after the restart"

# ---- 2. idle on an empty queue: LISTEN, not polling ----
left=$(q "SELECT COUNT(*) FROM attempts WHERE status = 'pending'")
for _ in $(seq "$left"); do approve_one; done
wait_log ws.log "$gui_pid" "^gui: approved " 5
[ "$(q "SELECT COUNT(*) FROM attempts WHERE status = 'pending'")" = 0 ] && ok "the queue is empty" || bad "orders left"
sleep 3  # well past the first empty claims: the workstation waits now
convert "$(ls /usr/lib/python3/dist-packages/skimage/data/astronaut.png)" -resize 358x441! -quality 80 photo.jpg
python3 - <<'PY'
import json
o = {"order_no": "LATE1", "applicant_name": "李四", "id_number": "11010519491231002X", "doc_type": "身份证",
     "city": "广州市", "channel": "wechat", "photo": "photo.jpg", "submitted_at": "2026-11-21T09:00:00+08:00"}
json.dump([o], open("late.json", "w"), ensure_ascii=False)
PY
# When the order is claimed (its lease taken), not when it is on screen: its decode and analysis
# take a second of their own on a loaded machine.
claimed() { [ "$(q "SELECT COUNT(*) FROM attempts a JOIN orders o ON o.id = a.order_id WHERE o.order_no = 'LATE1' AND a.lease_owner IS NOT NULL")" = 1 ]; }
t0=$(date +%s%N)
"$bin" ingest --db "$db" late.json >ingest.log 2>&1 || fail "ingest: $(cat ingest.log)"
t_ingested=$(date +%s%N)
for _ in $(seq 500); do claimed && break; sleep 0.01; done
t_claimed=$(date +%s%N)
ms=$(((t_claimed - t_ingested) / 1000000))
claimed && [ "$ms" -le 1000 ] &&
  ok "the idle workstation claimed LATE1 ${ms} ms after ingest returned (ingest took $(((t_ingested - t0) / 1000000)) ms)" ||
  bad "LATE1 claimed only ${ms} ms after ingest (notification missed?)"
wait_log ws.log "$gui_pid" "^gui: showing LATE1 " 30
approve_one

# ---- 3. a decision kept across a quit: the server away, the reviewer decides and quits ----
sed 's/LATE1/LATE2/' late.json >late2.json
"$bin" ingest --db "$db" late2.json >ingest2.log 2>&1 || fail "ingest: $(cat ingest2.log)"
wait_log ws.log "$gui_pid" "^gui: showing LATE2 " 30
bash "$here/../pg/server.sh" crash "$pg_dir" >crash.log 2>&1 || fail "the server would not stop: $(cat crash.log)"
press a
wait_log ws.log "$gui_pid" "^gui: kept .* for the server: approve" 20
close_gui "$gui_pid"
kept=$(ls "$XDG_STATE_HOME"/reviewstation/pending-*.json 2>/dev/null | head -1)
[ -n "$kept" ] && grep -q '"order_no": "LATE2"' "$kept" &&
  ok "quit with the server away: the decision on LATE2 is kept in $(basename "$kept")" ||
  bad "no kept decision on disk after the quit: $(ls -la "$XDG_STATE_HOME"/reviewstation 2>&1)"
grep -q "waits in .*pending-" ws.log && ok "the workstation said where it waits" || bad "no word of the kept decision"
bash "$here/../pg/server.sh" resume "$pg_dir" >resume.log 2>&1 || fail "the server would not start: $(cat resume.log)"
gui_start ws2.log r1 "$db"
gui_window "$gui_pid"
wait_log ws2.log "$gui_pid" "^gui: approved LATE2 .*\(resumed from disk" 60
ok "signed in again, the kept decision was sent: $(grep -E '^gui: approved LATE2' ws2.log | head -1)"
sleep 0.5
screenshot "$out/resumed.png"
[ -z "$(ls "$XDG_STATE_HOME"/reviewstation/pending-*.json 2>/dev/null)" ] && ok "nothing is left on disk once it was made" ||
  bad "the kept decision is still on disk after it was made"
close_gui "$gui_pid"

# ---- what the tables say ----
decided=$(q "SELECT COUNT(*) FROM decisions")
logged=$(approvals)
[ "$decided" = "$logged" ] && ok "$decided decisions in the tables, $logged approvals on screen" ||
  bad "$decided decisions in the tables but $logged approvals on screen"
[ "$(q "SELECT COUNT(*) FROM (SELECT attempt_id FROM decisions GROUP BY attempt_id HAVING COUNT(*) > 1) x")" = 0 ] &&
  ok "no attempt decided twice" || bad "an attempt was decided twice"
[ "$(q "SELECT COUNT(*) - COUNT(DISTINCT number) FROM image_numbers")" = 0 ] && ok "no image number twice" ||
  bad "an image number was issued twice"
[ "$(q "SELECT COUNT(*) FROM decisions WHERE request_key IS NULL")" = 0 ] && ok "every decision carries its key" ||
  bad "a workstation decision without its request key"
[ "$(q "SELECT COUNT(*) FROM attempts WHERE status = 'pending'")" = 0 ] && ok "nothing left undecided" ||
  bad "orders left pending: $(q "SELECT COUNT(*) FROM attempts WHERE status = 'pending'")"
RS_PASSWORD=demo "$bin" audit verify --db "$db" --user sup >verify.log 2>&1 && ok "audit verify holds" ||
  bad "audit verify: $(cat verify.log)"

echo "pg_reconnect: $passes passed, $fails failed"
[ "$fails" = 0 ]
