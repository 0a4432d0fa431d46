#!/usr/bin/env bash
# The supervisor's case view end to end, the real GUI under Xvfb: r1 approves an order in the
# workstation (so its decision keeps the engine's real findings record) and r2's blind second
# review disagrees; then sup opens the workspace, double-clicks the decision in the browser and the
# case view opens (logged "gui: case ORDER open"), the findings' shapes arrive from the engine
# ("gui: case ORDER shapes drawn") and a screenshot is kept: the photo with its findings, the
# decision, the second review, the audit trail. 改判... there overturns it with the mouse (logged
# "gui: overturned ORDER"), the case is read again with its overturn, and `export` and
# `audit verify` agree.
# usage: supervisor_case.sh /path/to/reviewstation SCRATCH_DIR
set -euo pipefail
bin=$(realpath "${1:?usage: supervisor_case.sh BINARY SCRATCH_DIR}")
out=${2:?scratch dir}
mkdir -p "$out"
out=$(realpath "$out")
rm -f "$out"/*.db* "$out"/*.log "$out"/*.png

source "$(dirname "$0")/lib.bash"
start_xvfb
export RS_PASSWORD=demo

db="$out/q.db"
"$bin" demo --db "$db" --orders 3 --no-gui --no-history >"$out/demo.log" 2>&1 || fail "demo could not fill the queue"
"$bin" second-review --db "$db" --user sup --share 1 >>"$out/demo.log" 2>&1 || fail "sup could not set the share"

# r1 approves the first order once its findings are on screen.
gui_start r1.log r1 "$db"
r1_pid=$gui_pid
wait_log r1.log "$r1_pid" "^gui: showing " 90
order=$(grep -m1 -oE "^gui: showing [^ ]+" "$out/r1.log" | awk '{print $3}')
wait_log r1.log "$r1_pid" "^gui: findings for $order:" 90
gui_window "$r1_pid"
press a
wait_log r1.log "$r1_pid" "^gui: approved $order " 20
close_gui "$r1_pid"
"$bin" second-review --db "$db" --user r2 reject --reason HAIR_EARS >>"$out/demo.log" 2>&1 ||
  fail "r2 could not second-review"

# sup double-clicks the browser's first row (the only decision) and the case opens. Coordinates
# on the 1600x900 screen with the shipped fonts.
gui_start sup.log sup "$db"
sup_pid=$gui_pid
wait_log sup.log "$sup_pid" "^gui: browser shows [1-9]" 90
gui_window "$sup_pid"
sleep 1
click() { xdotool mousemove "$1" "$2" click 1; sleep 0.8; }
click 700 20  # the menu bar: the first click only focuses the window
xdotool mousemove 60 192 click --repeat 2 --delay 80 1
wait_log sup.log "$sup_pid" "^gui: case $order open$" 30
wait_log sup.log "$sup_pid" "^gui: case $order shapes drawn$" 120
sleep 1  # the shapes drawn
screenshot "$out/case.png"

# 改判... in the case view opens the overturn dialog: justification, a reason, 确认改判.
click 624 134
click 799 360
xdotool type --delay 40 "second review was right"
sleep 0.5
click 930 502  # 头发遮挡耳朵
click 537 635  # 确认改判
wait_log sup.log "$sup_pid" "^gui: overturned $order$" 30
for _ in $(seq 100); do [ "$(grep -c "^gui: case $order open$" "$out/sup.log")" -ge 2 ] && break; sleep 0.1; done
[ "$(grep -c "^gui: case $order open$" "$out/sup.log")" -ge 2 ] || fail "the case was not read again after the overturn"
sleep 1
screenshot "$out/case_overturned.png"
close_gui "$sup_pid"
"$bin" export --db "$db" >"$out/export.jsonl"
python3 - "$out/export.jsonl" "$order" <<'PY' || fail "export does not carry the overturn of $order"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
o = [r for r in rows if r["order_no"] == sys.argv[2]][0]["overturned"]
assert o["by"] == "sup" and o["to"] == "rejected" and o["reasons"] == ["HAIR_EARS"], o
PY
"$bin" audit verify --db "$db" --user sup >"$out/verify.log" 2>&1 || fail "audit verify after the overturn"
echo "supervisor_case: ok: $order's case opened from the browser with its findings' shapes ($out/case.png)," \
  "overturned from the case view ($out/case_overturned.png); export and audit verify agree"
