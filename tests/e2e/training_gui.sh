#!/usr/bin/env bash
# A trainee's session in the workstation, end to end under Xvfb with real key presses: tr builds
# a 5-case set with immediate feedback from the demo's decided history and assigns it to a new
# trainee t2; t2 signs in to the GUI, which opens the set under the 培训 banner, and answers three
# cases with the live queue's keys (A; R, a reason, Enter; A), reading each case's feedback and
# going on with Enter. Afterwards `training scores --json` holds 3 answers with the outcomes the
# references give, every live table is byte for byte what it was, the live queue is the same and
# audit verify holds. Screenshots: training_case.png, training_feedback.png, training_reject.png.
# usage: training_gui.sh /path/to/reviewstation SCRATCH_DIR
set -euo pipefail
bin=$(realpath "${1:?usage: training_gui.sh BINARY SCRATCH_DIR}")
out=${2:?scratch dir}
for tool in Xvfb xdotool python3; do
  command -v $tool >/dev/null || { echo "training_gui: skipped: $tool is missing"; exit 77; }
done
mkdir -p "$out"
out=$(realpath "$out")
rm -f "$out"/*.db* "$out"/*.log "$out"/*.png "$out"/*.json
source "$(dirname "$0")/lib.bash"
start_xvfb
export RS_PASSWORD=demo RS_NEW_PASSWORD=demo
db="$out/q.db"
set_name="GUI练习"
rs() { "$bin" "$@" >>"$out/cli.log" 2>&1; }

rs demo --db "$db" --orders 8 --no-gui || fail "demo could not fill the database"
rs users add t2 --role reviewer --trainee --db "$db" --user admin || fail "admin could not add the trainee t2"
rs training create --db "$db" --user tr --name "$set_name" --limit 5 --feedback immediate || fail "tr could not build the set"
rs training assign "$set_name" --to t2 --db "$db" --user tr || fail "tr could not assign the set"
"$bin" training export "$set_name" --out "$out/set.json" --db "$db" --user tr >>"$out/cli.log" 2>&1 ||
  fail "tr could not export the set"

# Every live table a training session must leave alone, dumped whole, and the queue as the CLI
# lists it.
live() {
  python3 - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for t in ["decisions", "decision_reasons", "image_numbers", "notices", "outbox", "attempts", "orders",
          "second_reviews", "second_review_reasons", "overturns", "overturn_reasons", "photos", "specs",
          "fencing", "serial_counters", "decision_facets", "reviewer_hours"]:
    for row in db.execute(f"SELECT * FROM {t} ORDER BY 1"):
        print(t, row)
PY
  "$bin" queue --db "$db"
}
live >"$out/live_before.txt" 2>&1 || fail "could not read the live tables"

gui_start gui.log t2 "$db"
gui_window "$gui_pid"
wait_log gui.log "$gui_pid" "^gui: mode training|^gui: signed in as t2 " 30
wait_log gui.log "$gui_pid" "^gui: showing [^ ]+ training case 1/5" 60
order1=$(grep -m1 -oE "^gui: showing [^ ]+ training case 1/5" "$out/gui.log" | awk '{print $3}')
wait_log gui.log "$gui_pid" "^gui: findings for $order1:" 60
xdotool mousemove 800 450
screenshot "$out/training_case.png"
press a
wait_log gui.log "$gui_pid" "^gui: training answer $order1 case 1/5 approved .* reference " 20
sleep 0.5
screenshot "$out/training_feedback.png"
press Return
wait_log gui.log "$gui_pid" "^gui: training continue after $order1" 10

wait_log gui.log "$gui_pid" "^gui: showing [^ ]+ training case 2/5" 30
order2=$(grep -m1 -oE "^gui: showing [^ ]+ training case 2/5" "$out/gui.log" | awk '{print $3}')
wait_log gui.log "$gui_pid" "^gui: findings for $order2:" 60
press r
wait_log gui.log "$gui_pid" "^gui: reason picker for $order2 " 10
press 4  # BLURRED, fourth in the picker; pre-selected or not, a reason is selected afterwards...
grep -m1 -E "^gui: reason picker for $order2 " "$out/gui.log" | grep -q BLURRED && press 4  # ...unless it toggled off
press Return
wait_log gui.log "$gui_pid" "^gui: training answer $order2 case 2/5 rejected reasons [A-Z_,]*BLURRED" 20
sleep 0.5
screenshot "$out/training_reject.png"
press Return
wait_log gui.log "$gui_pid" "^gui: training continue after $order2" 10

wait_log gui.log "$gui_pid" "^gui: showing [^ ]+ training case 3/5" 30
order3=$(grep -m1 -oE "^gui: showing [^ ]+ training case 3/5" "$out/gui.log" | awk '{print $3}')
wait_log gui.log "$gui_pid" "^gui: findings for $order3:" 60
press s  # a training case is never skipped: the key is refused and the case stays
wait_log gui.log "$gui_pid" "^gui: refused $order3: " 10
grep -q "^gui: skipped" "$out/gui.log" && fail "a training case was skipped"
press a
wait_log gui.log "$gui_pid" "^gui: training answer $order3 case 3/5 approved " 20
close_gui "$gui_pid"
grep -qE "^gui: (approved|rejected) " "$out/gui.log" && fail "the workstation issued something in training"

"$bin" training scores --db "$db" --user tr --trainee t2 --json >"$out/scores.json" 2>>"$out/cli.log" ||
  fail "tr could not read the scores"
live >"$out/live_after.txt" 2>&1 || fail "could not read the live tables again"
cmp -s "$out/live_before.txt" "$out/live_after.txt" ||
  fail "a live table or the queue changed: $(diff "$out/live_before.txt" "$out/live_after.txt" | head -20)"

python3 - "$db" "$out/scores.json" "$out/set.json" "$order1" "$order2" "$order3" <<'PY' ||
import json, sqlite3, sys
db_path, scores_path, set_path, *orders = sys.argv[1:]
db = sqlite3.connect(db_path)
rows = db.execute(
    "SELECT c.position, a.decision, a.reasons, a.ms_spent, c.reference FROM training_answers a "
    "JOIN training_cases c ON c.id = a.case_id JOIN training_assignments t ON t.id = a.assignment_id "
    "WHERE t.trainee = 't2' ORDER BY c.position").fetchall()
assert [r[:2] for r in rows] == [(1, "approved"), (2, "rejected"), (3, "approved")], rows
assert "BLURRED," in rows[1][2], rows[1]
# Time per case is real: from the photo on screen to the key, at least the waits of this script.
assert all(r[3] >= 300 for r in rows), [r[3] for r in rows]
exported = json.load(open(set_path))
cases = exported["cases"]
assert [c["order_no"] for c in cases[:3]] == orders, (cases[:3], orders)
given = ["approved", "rejected", "approved"]
right = sum(c["reference"] == g for c, g in zip(cases, given))
score = [json.loads(line) for line in open(scores_path) if line.strip()]
mine = [s for s in score if s["trainee"] == "t2" and s["set"] == "GUI练习"]
assert len(mine) == 1, score
s = mine[0]
assert s["cases"] == 3, s
assert abs(s["accuracy"] - right / 3) < 1e-9, (s["accuracy"], right)
assert s["ms_per_case"] >= 300, s
print(f"training_gui: scores: cases {s['cases']}, accuracy {s['accuracy']:.3f} ({right} of 3 against the export's references), ms_per_case {s['ms_per_case']}")
PY
  fail "the scores do not hold t2's three answers"
"$bin" audit verify --db "$db" --user sup >"$out/verify.log" 2>&1 || fail "audit verify: $(cat "$out/verify.log")"
echo "training_gui: ok: t2 answered three cases of $set_name with A, R + reason + Enter and A under the 培训 banner, saw each reference, could not skip; scores hold 3 answers; the live tables and queue are unchanged; audit verify holds"
