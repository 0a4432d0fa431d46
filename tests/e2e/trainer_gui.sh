#!/usr/bin/env bash
# The trainer's workspace, end to end under Xvfb with real key presses:
#  1. r1 decides two orders at the workstation with the photo mirrored (M, then A twice): each
#     decision keeps what was on screen (decision_screens: mirrored, overlays, zoom; audit verify
#     holds); r2 decides one from the command line, which keeps none.
#  2. tr builds a set of those three, assigns it to t1, and t1 answers it from the command line.
#  3. tr signs in: the trainer's workspace opens on the training sets; Ctrl+2 shows the progress
#     (one trainee with a session, one row of scores); Ctrl+3 the replay, which opens r1's newest
#     session: case 1 of 2 as recorded (mirrored), Right steps to case 2, Left back to case 1, and
#     at 16x (key 3, Space) it plays on to case 2 by itself. Screenshots of each tab.
# Skipped (77) without Xvfb or xdotool.
# usage: trainer_gui.sh /path/to/reviewstation SCRATCH_DIR
set -euo pipefail
bin=$(realpath "${1:?usage: trainer_gui.sh BINARY SCRATCH_DIR}")
out=${2:?scratch dir}
mkdir -p "$out"
out=$(realpath "$out")
rm -f "$out"/*.db* "$out"/*.log "$out"/*.png
for tool in Xvfb xdotool; do command -v $tool >/dev/null || { echo "trainer_gui: $tool is missing: skipped"; exit 77; }; done
source "$(dirname "$0")/lib.bash"
start_xvfb
db="$out/q.db"
export RS_PASSWORD=demo
"$bin" demo --db "$db" --orders 6 --no-gui --no-history >"$out/demo.log" 2>&1 || fail "demo could not fill the queue"

count() { grep -Ec "$2" "$out/$1" || true; }

# ---- 1. decisions at the workstation keep what was on screen ----
gui_start r1.log r1 "$db"
gui_window "$gui_pid"
wait_log r1.log "$gui_pid" "^gui: showing " 90
press m
press a
wait_log r1.log "$gui_pid" "approved" 30
for i in $(seq 300); do [ "$(count r1.log "^gui: showing ")" -ge 2 ] && break; sleep 0.1; done
sleep 1
press a
for i in $(seq 100); do [ "$(count r1.log "approved")" -ge 2 ] && break; sleep 0.1; done
[ "$(count r1.log "approved")" -ge 2 ] || fail "r1's second approval did not happen"
close_gui "$gui_pid"
"$bin" decide --db "$db" --user r2 reject --reason BLURRED >"$out/decide.log" 2>&1 || fail "r2 could not decide"
python3 - "$db" <<'PY' || fail "the screen records are not as decided"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT d.reviewer, s.flags, s.overlays, s.zoom FROM decisions d "
                  "LEFT JOIN decision_screens s ON s.decision_id = d.id ORDER BY d.id").fetchall()
assert [r[0] for r in rows] == ["r1", "r1", "r2"], rows
assert all(r[1] is not None and r[1] & 1 for r in rows[:2]), rows  # mirrored, recorded
assert all(r[2] & 1 for r in rows[:2]), rows                         # the face box was on
assert rows[2][1] is None, rows                                        # the command line keeps none
PY
"$bin" audit verify --db "$db" --user sup >"$out/verify.log" 2>&1 || fail "audit verify: $(cat "$out/verify.log")"
echo "trainer_gui: r1's two decisions kept the mirrored screen (in their audit rows too: audit verify holds); r2's command-line decision kept none"

# ---- 2. a set, assigned and answered ----
"$bin" training create --db "$db" --user tr --name 回放练习 --limit 3 --feedback end >"$out/create.log" 2>&1 ||
  fail "training create: $(cat "$out/create.log")"
"$bin" training assign 回放练习 --to t1 --db "$db" --user tr >"$out/assign.log" 2>&1 || fail "training assign"
for answer in approve "reject --reason BLURRED" approve; do
  # shellcheck disable=SC2086
  "$bin" training answer --db "$db" --user t1 --set 回放练习 $answer >>"$out/answer.log" 2>&1 || fail "training answer"
done

# ---- 3. the trainer's workspace ----
gui_start tr.log tr "$db"
gui_window "$gui_pid"
wait_log tr.log "$gui_pid" "^gui: trainer workspace for tr" 60
sleep 2
screenshot "$out/sets.png"
press ctrl+2
wait_log tr.log "$gui_pid" "^gui: progress of 1 trainees, [1-9]" 30
sleep 1
screenshot "$out/progress.png"
press ctrl+3
wait_log tr.log "$gui_pid" "^gui: replay session of r1: 2 cases" 30
wait_log tr.log "$gui_pid" "^gui: replay case 1/2 .* screen recorded .* mirrored" 30
sleep 2  # the photo and the engine's shapes
screenshot "$out/replay.png"
press Right
wait_log tr.log "$gui_pid" "^gui: replay case 2/2 .* approved .* screen recorded" 20
press Left
for i in $(seq 100); do [ "$(count tr.log "^gui: replay case 1/2 ")" -ge 2 ] && break; sleep 0.1; done
[ "$(count tr.log "^gui: replay case 1/2 ")" -ge 2 ] || fail "Left did not step back to case 1"
press 3
press space
for i in $(seq 200); do [ "$(count tr.log "^gui: replay case 2/2 ")" -ge 2 ] && break; sleep 0.1; done
[ "$(count tr.log "^gui: replay case 2/2 ")" -ge 2 ] || fail "playing at 16x did not reach case 2"
close_gui "$gui_pid"
echo "trainer_gui: ok: the workspace opened for tr, the progress showed t1, the replay stepped and played r1's session as recorded"
