#!/usr/bin/env bash
# The supervisor's case view end to end, the real GUI under Xvfb: r1 approves an order in the
# workstation (so its decision keeps the engine's real findings record), r2's blind second review
# disagrees, sup overturns it from the command line; then sup opens the workspace, double-clicks
# the decision in the browser and the case view opens (logged "gui: case ORDER open"), the
# findings' shapes arrive from the engine ("gui: case ORDER shapes drawn") and a screenshot is
# kept: the photo with its findings, the decision, the second review, the overturn, the audit trail.
# usage: supervisor_case.sh /path/to/reviewstation SCRATCH_DIR
set -euo pipefail
bin=$(realpath "${1:?usage: supervisor_case.sh BINARY SCRATCH_DIR}")
out=${2:?scratch dir}
mkdir -p "$out"
out=$(realpath "$out")
rm -f "$out"/*.db* "$out"/*.log "$out"/*.png
fail() {
  echo "supervisor_case: FAIL: $*"
  for f in "$out"/*.log; do echo "--- $(basename "$f") ---"; cat "$f"; done
  exit 1
}

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
"$bin" overturn "$order" --db "$db" --user sup --reason "second review was right" --reasons HAIR_EARS \
  >>"$out/demo.log" 2>&1 || fail "sup could not overturn $order"

# sup double-clicks the browser's first row (the only decision) and the case opens.
gui_start sup.log sup "$db"
sup_pid=$gui_pid
wait_log sup.log "$sup_pid" "^gui: browser shows [1-9]" 90
gui_window "$sup_pid"
sleep 1
click() { xdotool mousemove "$1" "$2" click 1; sleep 0.8; }
click 700 20  # the menu bar: the first click only focuses the window
xdotool mousemove 60 "${ROW_Y:-192}" click --repeat 2 --delay 80 1
wait_log sup.log "$sup_pid" "^gui: case $order open$" 30
wait_log sup.log "$sup_pid" "^gui: case $order shapes drawn$" 120
sleep 1  # the shapes drawn
screenshot "$out/case.png"
close_gui "$sup_pid"
echo "supervisor_case: ok: $order's case opened from the browser with its findings' shapes (screenshot $out/case.png)"
