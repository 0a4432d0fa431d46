#!/usr/bin/env bash
# The supervisor's workspace end to end, the real GUI under Xvfb: sup signs in (RS_PASSWORD), the
# supervisor's workspace opens instead of the reviewer's queue, the decision browser's first page
# arrives from its worker (logged "gui: browser shows N decisions", N > 0), a screenshot is kept,
# and Ctrl+Q closes it with exit 0. Then sup overturns the disagreement in the inbox with the
# mouse (the inbox tab, 改判..., a justification, a reason, 确认改判): logged "gui: overturned",
# `export` carries the overturn and `audit verify` holds. A reviewer still gets the workstation.
# usage: supervisor_gui.sh /path/to/reviewstation SCRATCH_DIR
set -euo pipefail
bin=$(realpath "${1:?usage: supervisor_gui.sh BINARY SCRATCH_DIR}")
out=${2:?scratch dir}
mkdir -p "$out"
out=$(realpath "$out")
rm -f "$out"/*.db* "$out"/*.log "$out"/*.png

source "$(dirname "$0")/lib.bash"
start_xvfb
export RS_PASSWORD=demo

# A queue with decisions: every decision drawn for a second review, r1 decides five, r2
# second-reviews them and disagrees on one (it lands in the inbox).
db="$out/q.db"
"$bin" demo --db "$db" --orders 8 --no-gui --no-history >"$out/demo.log" 2>&1 || fail "demo could not fill the queue"
"$bin" second-review --db "$db" --user sup --share 1 >>"$out/demo.log" 2>&1 || fail "sup could not set the share"
for _ in 1 2 3 4; do
  "$bin" decide --db "$db" --user r1 approve >>"$out/demo.log" 2>&1 || fail "r1 could not approve"
done
"$bin" decide --db "$db" --user r1 reject --reason BLURRED >>"$out/demo.log" 2>&1 || fail "r1 could not reject"
"$bin" second-review --db "$db" --user r2 reject --reason HAIR_EARS >>"$out/demo.log" 2>&1 ||
  fail "r2 could not second-review"

gui_start sup.log sup "$db"
sup_pid=$gui_pid
wait_log sup.log "$sup_pid" "^gui: supervisor workspace for sup$" 90
wait_log sup.log "$sup_pid" "^gui: browser shows [1-9][0-9]* decisions" 90
n=$(grep -m1 -oE "^gui: browser shows [0-9]+" "$out/sup.log" | awk '{print $4}')
[ "$n" -ge 5 ] || fail "the browser's first page holds $n decisions, at least 5 were made"
gui_window "$sup_pid"
sleep 1  # the page drawn
screenshot "$out/supervisor.png"
grep -q "^gui: showing " "$out/sup.log" && fail "the supervisor got the reviewer's queue"
close_gui "$sup_pid"

# The overturn through the inbox. Coordinates on the 1600x900 screen with the shipped fonts: the
# inbox tab, the first disagreement's 改判... button, then in the dialog (centred) the justification,
# the reason 头发遮挡耳朵 and 确认改判.
first=$("$bin" export --db "$db" | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["order_no"])')
gui_start overturn.log sup "$db"
ot_pid=$gui_pid
wait_log overturn.log "$ot_pid" "^gui: browser shows [1-9]" 90
gui_window "$ot_pid"
click() { xdotool mousemove "$1" "$2" click 1; sleep 0.8; }
click 700 20    # the menu bar: the first click only focuses the window
click 104 46    # 待办
click 1492 156  # 改判... on the first disagreement
click 799 360   # the justification
xdotool type --delay 40 "second review was right"
sleep 0.5
click 930 502   # 头发遮挡耳朵
screenshot "$out/overturn_dialog.png"
click 537 635   # 确认改判
wait_log overturn.log "$ot_pid" "^gui: overturned $first$" 30
screenshot "$out/after_overturn.png"
close_gui "$ot_pid"
"$bin" export --db "$db" >"$out/export.jsonl"
python3 - "$out/export.jsonl" "$first" <<'PY' || fail "export does not carry the overturn of $first"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
o = [r for r in rows if r["order_no"] == sys.argv[2]][0]["overturned"]
assert o["by"] == "sup" and o["to"] == "rejected" and o["reasons"] == ["HAIR_EARS"], o
assert o["justification"] == "second review was right", o
PY
"$bin" audit verify --db "$db" --user sup >"$out/verify.log" 2>&1 || fail "audit verify after the overturn"
"$bin" second-review --db "$db" --user sup --inbox >"$out/inbox.log" 2>&1 || true
grep -q "$first" "$out/inbox.log" && fail "the overturned disagreement is still open in the inbox"

# A reviewer still opens the reviewer's workstation.
gui_start r3.log r3 "$db"
r3_pid=$gui_pid
wait_log r3.log "$r3_pid" "^gui: showing " 120
grep -q "supervisor workspace" "$out/r3.log" && fail "the reviewer got the supervisor's workspace"
close_gui "$r3_pid"

echo "supervisor_gui: ok: sup's workspace showed $n decisions in the browser (screenshot $out/supervisor.png); $first overturned through the inbox (export, audit verify); r3 got the queue; all closed with Ctrl+Q"
