#!/usr/bin/env bash
# Cases picked by hand in the decision browser become a training set, end to end under Xvfb: sup
# ticks the first three decisions of the browser with the mouse, presses 建培训集 (3), types the
# set's name and Enter; the workspace logs "gui: training set NAME made of 3 picked cases", and
# `training show` lists exactly the three ticked orders (the browser's first three, newest first)
# with references equal to their decisions. A name already taken is refused in the dialog and
# nothing is written. Then the trainer tr does the same in the trainer's workspace (Ctrl+4, 挑选案例),
# which has no overturn button, and the sets tab lists the new set.
# usage: pick_training_gui.sh /path/to/reviewstation SCRATCH_DIR
set -euo pipefail
bin=$(realpath "${1:?usage: pick_training_gui.sh BINARY SCRATCH_DIR}")
out=${2:?scratch dir}
mkdir -p "$out"
out=$(realpath "$out")
rm -f "$out"/*.db* "$out"/*.log "$out"/*.png

source "$(dirname "$0")/lib.bash"
start_xvfb
export RS_PASSWORD=demo

db="$out/q.db"
"$bin" demo --db "$db" --orders 5 --no-gui >"$out/demo.log" 2>&1 || fail "demo could not fill the database"
# The browser's first three rows: the newest decisions (decided time, then id, descending).
"$bin" export --db "$db" >"$out/export.jsonl"
expected=$(python3 - "$out/export.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
# Export lists decisions in the order written; the browser shows the newest first, a tie in time
# by the later decision first.
rows = [(r["decided_at"], i, r) for i, r in enumerate(rows) if r.get("decided_at")]
rows.sort(key=lambda t: (t[0], t[1]), reverse=True)
print(" ".join(f'{r["order_no"]}#{r["attempt"]}' for _, _, r in rows[:3]))
PY
)

pick() {  # $1: log, $2: set name, $3: account (sup or tr)
  local who=${3:-sup}
  gui_start "$1" "$who" "$db"
  local pid=$gui_pid
  click() { xdotool mousemove "$1" "$2" click 1; sleep 0.6; }
  if [ "$who" = tr ]; then
    wait_log "$1" "$pid" "^gui: trainer workspace for tr$" 90
    gui_window "$pid"
    click 700 20
    xdotool key --clearmodifiers ctrl+4  # 挑选案例: the browser loads when first shown
  else
    gui_window "$pid"
    click 700 20  # the menu bar: the first click only focuses the window
  fi
  wait_log "$1" "$pid" "^gui: browser shows [1-9][0-9]* decisions" 90
  sleep 0.5
  click 22 197  # the first three rows' ticks
  click 22 227
  click 22 258
  # 建培训集 (3): beside the overturn button for a supervisor, alone at the right for a trainer.
  if [ "$who" = tr ]; then click 1418 138; else click 1232 138; fi
  xdotool type --delay 60 "$2"
  sleep 0.5
  screenshot "$out/${2}_dialog.png"
  xdotool key Return
  sleep 2
  screenshot "$out/${2}_after.png"
  close_gui "$pid"
}

pick pick.log handpicked
grep -q "^gui: training set handpicked made of 3 picked cases$" "$out/pick.log" ||
  fail "the workspace did not log the set made of 3 picked cases (see $out/pick.log)"
"$bin" training export handpicked --db "$db" --user tr --out "$out/set.json" >"$out/show.log" 2>&1 ||
  fail "training export of the picked set"
python3 - "$out/set.json" "$out/export.jsonl" "$expected" <<'PY' || fail "the set does not hold the three ticked cases"
import json, sys
s = json.load(open(sys.argv[1], encoding="utf-8"))
got = [f'{c["order_no"]}#{c["attempt_no"]}' for c in s["cases"]]
want = sys.argv[3].split()
assert got == want, (got, want)
decided = {f'{r["order_no"]}#{r["attempt"]}': r for r in map(json.loads, open(sys.argv[2], encoding="utf-8"))}
for c in s["cases"]:
    assert c["reference"] == decided[f'{c["order_no"]}#{c["attempt_no"]}']["decision"], c
assert s["feedback"] == "immediate", s["feedback"]
PY

# The same name again: the store refuses it, the dialog shows why, no second set is written.
pick again.log handpicked
grep -q "^gui: training set handpicked refused: " "$out/again.log" || fail "a second set of the same name was not refused"
n=$("$bin" training list --db "$db" --user tr | grep -c "handpicked" || true)
[ "$n" = 1 ] || fail "training list shows $n sets named handpicked, 1 expected"

# The trainer, in the trainer's workspace.
pick tr.log trainer_pick tr
grep -q "^gui: training set trainer_pick made of 3 picked cases$" "$out/tr.log" ||
  fail "the trainer's workspace did not make the set of 3 picked cases (see $out/tr.log)"
"$bin" training export trainer_pick --db "$db" --user tr --out "$out/tr_set.json" >/dev/null 2>&1 ||
  fail "training export of the trainer's set"
python3 - "$out/tr_set.json" "$expected" <<'PY' || fail "the trainer's set does not hold the three ticked cases"
import json, sys
s = json.load(open(sys.argv[1], encoding="utf-8"))
got = [f'{c["order_no"]}#{c["attempt_no"]}' for c in s["cases"]]
assert got == sys.argv[2].split(), got
PY

echo "pick_training_gui: ok: the trainer tr did the same in the trainer's workspace (trainer_pick); sup ticked $expected in the browser and made the set handpicked of them (references = decisions, feedback immediate); the same name again was refused in the dialog (screenshots in $out)"
