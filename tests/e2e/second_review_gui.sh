#!/usr/bin/env bash
# Blind second review in the workstation, end to end under Xvfb: r1 decides two orders from the
# command line (the supervisor has every decision drawn); r2 opens the workstation on the queue,
# switches to 二次复核 from the station menu, sees r1's first order with its findings (never the
# first decision), approves it with A, and rejects the next with R + a reason. Afterwards the
# tables hold two second reviews by r2, no new image number or notice, and `audit verify` holds.
# Then sup, a supervisor without the reviewer role, second-reviews a third from the supervisor's
# workspace.
# usage: second_review_gui.sh /path/to/reviewstation SCRATCH_DIR
set -euo pipefail
bin=$(realpath "${1:?usage: second_review_gui.sh BINARY SCRATCH_DIR}")
out=${2:?scratch dir}
mkdir -p "$out"
out=$(realpath "$out")
rm -f "$out"/*.db* "$out"/*.log "$out"/*.png
source "$(dirname "$0")/lib.bash"
start_xvfb
export RS_PASSWORD=demo
db="$out/q.db"
"$bin" demo --db "$db" --orders 5 --no-gui --no-history >"$out/demo.log" 2>&1 || fail "demo could not fill the queue"
"$bin" second-review --db "$db" --user sup --share 1 >>"$out/demo.log" 2>&1 || fail "the supervisor could not set the share"
"$bin" decide --db "$db" --user r1 approve >>"$out/demo.log" 2>&1 || fail "r1 could not approve"
"$bin" decide --db "$db" --user r1 approve >>"$out/demo.log" 2>&1 || fail "r1 could not approve again"

gui_start gui.log r2 "$db"
gui_window "$gui_pid"
wait_log gui.log "$gui_pid" "^gui: showing DEMO000003 " 60  # the queue first: r1 took 1 and 2
# The station menu (工作站, top left), then its first item, 二次复核（盲审）.
xdotool mousemove 30 12 click 1
sleep 0.8
xdotool mousemove 60 42 click 1
wait_log gui.log "$gui_pid" "^gui: mode second review" 10
wait_log gui.log "$gui_pid" "^gui: showing DEMO000001 " 30
wait_log gui.log "$gui_pid" "^gui: findings for DEMO000001:" 60
xdotool mousemove 800 450
screenshot "$out/second_review.png"
press a
wait_log gui.log "$gui_pid" "^gui: second review of DEMO000001 approved" 20
wait_log gui.log "$gui_pid" "^gui: showing DEMO000002 " 20
wait_log gui.log "$gui_pid" "^gui: findings for DEMO000002:" 60
press r
wait_log gui.log "$gui_pid" "^gui: reason picker for DEMO000002 " 10
press 4  # BLURRED, fourth in the picker; pre-selected or not, a reason is selected afterwards...
grep -m1 -E "^gui: reason picker for DEMO000002 " "$out/gui.log" | grep -q BLURRED && press 4  # ...unless it toggled off
press Return
wait_log gui.log "$gui_pid" "^gui: second review of DEMO000002 rejected" 20
close_gui "$gui_pid"
grep -q "^gui: approved\|^gui: rejected" "$out/gui.log" && fail "the workstation issued something in second-review mode"

# A supervisor (no reviewer role, so no queue) second-reviews from the supervisor's workspace:
# 工作区 menu, 二次复核（盲审）, which opens the workstation in second-review mode only.
"$bin" decide --db "$db" --user r1 approve >>"$out/demo.log" 2>&1 || fail "r1 could not approve a third"
gui_start sup.log sup "$db"
gui_window "$gui_pid"
wait_log sup.log "$gui_pid" "^gui: signed in as sup " 30
sleep 1
xdotool mousemove 30 12 click 1
sleep 0.8
xdotool mousemove 60 42 click 1
wait_log sup.log "$gui_pid" "^gui: showing DEMO000003 " 30
wait_log sup.log "$gui_pid" "^gui: findings for DEMO000003:" 60
xdotool mousemove 800 450
screenshot "$out/second_review_sup.png"
press a
wait_log sup.log "$gui_pid" "^gui: second review of DEMO000003 approved" 20
close_gui "$gui_pid"

python3 - "$db" <<'PY' || fail "the tables do not hold what r2 and sup did"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT reviewer, decision, agrees FROM second_reviews WHERE decision IS NOT NULL ORDER BY id").fetchall()
assert rows == [("r2", "approved", 1), ("r2", "rejected", 0), ("sup", "approved", 1)], rows
assert db.execute("SELECT COUNT(*) FROM image_numbers").fetchone()[0] == 3, "a number was issued"
assert db.execute("SELECT COUNT(*) FROM notices").fetchone()[0] == 0, "a notice was issued"
assert db.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 3, "a decision was recorded"
PY
"$bin" audit verify --db "$db" --user sup >"$out/verify.log" 2>&1 || fail "audit verify: $(cat "$out/verify.log")"
echo "second_review_gui: ok: r2 second-reviewed two of r1's decisions blind from the workstation and sup one from the supervisor's workspace; nothing issued; audit verify holds"
