#!/usr/bin/env bash
# GUI end to end: the real binary in a virtual screen (Xvfb), real key presses (xdotool): approve
# one order with A, reject one with R, a digit and Enter; a screenshot; then the decisions are
# checked through `reviewstation export`.
# usage: gui_e2e.sh /path/to/reviewstation SCRATCH_DIR
set -euo pipefail
bin=$(realpath "${1:?usage: gui_e2e.sh BINARY SCRATCH_DIR}")
out=${2:?scratch dir}
mkdir -p "$out"
out=$(realpath "$out")
rm -f "$out"/e2e.db* "$out"/gui.png "$out"/gui.log
source "$(dirname "$0")/lib.bash"
start_xvfb

"$bin" demo --db "$out/e2e.db" --orders 6 --no-gui --no-history >"$out/demo.log" 2>&1 || { cat "$out/demo.log"; fail "demo could not fill the queue"; }

gui_start gui.log r1 "$out/e2e.db"
gui_window "$gui_pid"

# 1. Approve the first order once it and its findings are on screen.
wait_log gui.log "$gui_pid" "^gui: showing " 60
first=$(grep -m1 -oE "^gui: showing [^ ]+" "$out/gui.log" | awk '{print $3}')
wait_log gui.log "$gui_pid" "^gui: findings for $first:" 60
press a
wait_log gui.log "$gui_pid" "^gui: approved $first " 20

# 2. Reject the next one: R opens the picker with the findings' suggestions pre-selected; press
#    the digit of a reason that is not pre-selected (so it ends up selected) and confirm.
wait_log gui.log "$gui_pid" "^gui: showing " 20
second=$(grep -oE "^gui: showing [^ ]+" "$out/gui.log" | sed -n 2p | awk '{print $3}')
[ -n "$second" ] && [ "$second" != "$first" ] || fail "the next order did not come on screen after the approval"
wait_log gui.log "$gui_pid" "^gui: findings for $second:" 60
press r
wait_log gui.log "$gui_pid" "^gui: reason picker for $second " 10
preselected=$(grep -m1 -E "^gui: reason picker for $second " "$out/gui.log" | awk '{print $NF}')
# Picker order of the first nine reasons (src/core/domain/reason.cpp, all_reasons()).
picker=(SIZE_POSITION HEAD_POSE LIGHTING BLURRED FACE_SHADOW BACKGROUND EXPRESSION HAIR_EYEBROWS HAIR_EARS)
digit=""
for i in "${!picker[@]}"; do
  case ",$preselected," in *",${picker[$i]},"*) ;; *) digit=$((i + 1)); reason=${picker[$i]}; break ;; esac
done
[ -n "$digit" ] || fail "every one of the first nine reasons was pre-selected"
press "$digit"
press Return
wait_log gui.log "$gui_pid" "^gui: rejected $second reasons " 20
grep -E "^gui: rejected $second reasons " "$out/gui.log" | grep -q "$reason" || fail "the rejection lacks $reason"

# 3. What the reviewer sees now, then close the window.
wait_log gui.log "$gui_pid" "^gui: showing " 10
sleep 1.5
screenshot "$out/gui.png"
close_gui "$gui_pid"

# 4. The record: exactly one approval and one rejection (with the reason) by r1.
"$bin" export --db "$out/e2e.db" >"$out/export.jsonl"
python3 - "$out/export.jsonl" "$first" "$second" "$reason" <<'EOF'
import json, sys
path, first, second, reason = sys.argv[1:]
rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
mine = [r for r in rows if r.get("reviewer") == "r1"]
approved = [r for r in mine if r.get("decision") == "approved"]
rejected = [r for r in mine if r.get("decision") == "rejected"]
assert len(approved) == 1, f"expected one approval, got {approved}"
assert len(rejected) == 1, f"expected one rejection, got {rejected}"
assert approved[0]["order_no"] == first, approved
assert len(approved[0].get("image_number", "")) == 16, approved
assert rejected[0]["order_no"] == second, rejected
assert reason in rejected[0]["reasons"], rejected
print(f"gui_e2e: ok: approved {first}, rejected {second} with {rejected[0]['reasons']}")
EOF
echo "gui_e2e: screenshot $out/gui.png"
