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
for tool in Xvfb xdotool python3; do
  command -v $tool >/dev/null || { echo "gui_e2e: $tool is missing (bash .ci/setup installs it)"; exit 1; }
done

fail() { echo "gui_e2e: FAIL: $*"; echo "--- gui.log ---"; cat "$out/gui.log" 2>/dev/null || true; exit 1; }

# A display number nobody uses.
disp=""
for n in $(seq 91 199); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then disp=":$n"; break; fi
done
[ -n "$disp" ] || fail "no free X display number"
Xvfb "$disp" -screen 0 1600x900x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
xvfb_pid=$!
gui_pid=""
cleanup() {
  [ -n "$gui_pid" ] && kill "$gui_pid" 2>/dev/null || true
  kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY="$disp"
for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done
# A fresh config folder: the shipped default layout, not the developer's own.
export XDG_CONFIG_HOME="$out/config"
rm -rf "$XDG_CONFIG_HOME"

"$bin" demo --db "$out/e2e.db" --orders 6 --no-gui >"$out/demo.log" 2>&1 || { cat "$out/demo.log"; fail "demo could not fill the queue"; }

"$bin" gui --db "$out/e2e.db" --user e2e_tester >"$out/gui.log" 2>&1 &
gui_pid=$!

# Waits until gui.log has a line matching $1 (extended regex), at most $2 seconds.
wait_log() {
  local pattern=$1 limit=${2:-60} i
  for i in $(seq $((limit * 10))); do
    grep -Eq "$pattern" "$out/gui.log" && return 0
    kill -0 "$gui_pid" 2>/dev/null || fail "the workstation exited while waiting for: $pattern"
    sleep 0.1
  done
  fail "timed out waiting for: $pattern"
}

wid=$(timeout 60 xdotool search --sync --name "ReviewStation" | head -1) || fail "no window named ReviewStation"
xdotool windowfocus --sync "$wid" 2>/dev/null || true
press() { xdotool key --clearmodifiers "$1"; sleep 0.3; }

# 1. Approve the first order once it and its findings are on screen.
wait_log "^gui: showing " 60
first=$(grep -m1 -oE "^gui: showing [^ ]+" "$out/gui.log" | awk '{print $3}')
wait_log "^gui: findings for $first:" 60
press a
wait_log "^gui: approved $first " 20

# 2. Reject the next one: R opens the picker with the findings' suggestions pre-selected; press
#    the digit of a reason that is not pre-selected (so it ends up selected) and confirm.
wait_log "^gui: showing " 20
second=$(grep -oE "^gui: showing [^ ]+" "$out/gui.log" | sed -n 2p | awk '{print $3}')
[ -n "$second" ] && [ "$second" != "$first" ] || fail "the next order did not come on screen after the approval"
wait_log "^gui: findings for $second:" 60
press r
wait_log "^gui: reason picker for $second " 10
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
wait_log "^gui: rejected $second reasons " 20
grep -E "^gui: rejected $second reasons " "$out/gui.log" | grep -q "$reason" || fail "the rejection lacks $reason"

# 3. What the reviewer sees now, then close the window.
wait_log "^gui: showing " 10
sleep 1.5
if command -v import >/dev/null && import -version 2>/dev/null | grep -q ImageMagick; then
  import -window root "$out/gui.png"
else
  xwd -root -silent | convert xwd:- "$out/gui.png"
fi
[ -s "$out/gui.png" ] || fail "no screenshot"
press ctrl+q
for _ in $(seq 100); do kill -0 "$gui_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$gui_pid" 2>/dev/null; then fail "the workstation did not close on Ctrl+Q"; fi
wait "$gui_pid" || fail "the workstation exited with an error"
gui_pid=""

# 4. The record: exactly one approval and one rejection (with the reason) by e2e_tester.
"$bin" export --db "$out/e2e.db" >"$out/export.jsonl"
python3 - "$out/export.jsonl" "$first" "$second" "$reason" <<'EOF'
import json, sys
path, first, second, reason = sys.argv[1:]
rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
mine = [r for r in rows if r.get("reviewer") == "e2e_tester"]
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
