#!/usr/bin/env bash
# Issue 18's fault: the queue server stopped (pg_ctl stop -m immediate, a crash for the server) and
# started again in the middle of a load test. Afterwards no decision is lost or doubled (the
# database holds exactly the decisions the workstations saw succeed, none twice), every
# workstation resumed, and the audit chain verifies.
set -uo pipefail
rs="$1"
work="$2"
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.bash"
out="$work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
# A server of its own: stopping the fixture's would fail the tests running beside this one.
e2e_private_pg_server "$work/pg"
trap e2e_private_pg_stop EXIT
url=$(e2e_pg_db) || fail "no database on the test's server"
pg_dir=$(dirname "$RS_TEST_PG_URL_FILE")

"$rs" loadtest --db "$url" --workstations 8 --seconds 14 --json >load.json 2>load.err &
load=$!
# The run starts after the fill (a few seconds); stop the server in its middle.
for _ in $(seq 1 120); do grep -q running load.err && break; sleep 0.25; done
grep -q running load.err || fail "the load test did not start: $(cat load.err)"
sleep 4
bash "$here/../pg/server.sh" restart-immediate "$pg_dir" >restart.log 2>&1 || fail "restart failed: $(cat restart.log)"
ok "the server was stopped -m immediate and started again mid-run"
wait "$load"
rc=$?
[ "$rc" -eq 0 ] && ok "the load test finished and its checks passed (exit 0)" ||
  fail "loadtest exit $rc: $(tail -5 load.err) $(cat load.json)"

field() { python3 -c "import json,sys; print(json.load(open('load.json'))['$1'])"; }
[ "$(field double_decisions)" = 0 ] && ok "no double decision" || fail "double decisions: $(field double_decisions)"
[ "$(field duplicate_numbers)" = 0 ] && ok "no duplicate number" || fail "duplicate numbers: $(field duplicate_numbers)"
[ "$(field serial_gaps)" = 0 ] && ok "no serial gap" || fail "serial gaps: $(field serial_gaps)"
[ "$(field workstations_reconnected)" = 8 ] && ok "all 8 workstations lost the server and resumed" ||
  fail "workstations reconnected: $(field workstations_reconnected) of 8"
[ "$(field decisions_after_reconnect)" -gt 0 ] || [ "$(field decisions_found_committed)" -gt 0 ] ||
  fail "no decision was sent again after the restart"
after=$(python3 -c "import json; j=json.load(open('load.json')); print(j['decisions'] - j['decisions_found_committed'])")
# Decisions made after the restart: the run went on.
in_db=$(psql "$url" -X -A -t -c "SELECT COUNT(*) FROM decisions")
[ "$in_db" = "$(field decisions)" ] && ok "the database holds exactly the $in_db decisions the workstations saw succeed" ||
  fail "decisions in the database $in_db, seen by the workstations $(field decisions)"
[ "$after" -gt 0 ] || fail "no decision at all"
late=$(psql "$url" -X -A -t -c "SELECT COUNT(*) FROM decisions WHERE decided_ms > (SELECT MAX(decided_ms) - 3000 FROM decisions)")
[ "$late" -gt 0 ] && ok "decisions continued after the restart ($late in the run's last 3 s)" || fail "nothing decided late"
[ "$(field audit_intact)" = True ] && ok "the audit chain verifies ($(field audit_rows) rows)" ||
  fail "audit verify: $(field audit_problem)"
echo "pg_fault: $passes passed"
