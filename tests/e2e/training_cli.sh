#!/usr/bin/env bash
# `reviewstation training` end to end on the demo database: the trainee t1 is refused by the live
# queue, works the demo's training set with immediate feedback, and a set tr builds from an orders
# file with end feedback; the answers touch no live table, names and ID numbers show masked, the
# scores come out as JSON, the refusals name the item (4) or the role (7), `users certify` lets t1
# into the live queue, and audit verify holds.
# Usage: training_cli.sh /path/to/reviewstation SCRATCH_DIR
set -uo pipefail
rs=$1; dir=$2
source "$(cd "$(dirname "$0")" && pwd)/lib.bash"
rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
export RS_PASSWORD=demo RS_NEW_PASSWORD=demo
# SQLite's q.db, or a PostgreSQL database when ctest's e2e_training_cli_pg runs this script.
db=$(e2e_db q.db) || { echo "FAIL - no database"; exit 1; }
export RS_DB="$db"
trap e2e_db_drop EXIT
set_name="入门练习"

expect_code 0 "demo makes t1 and a training set" "$rs" demo --db "$db" --orders 3 --no-gui
grep -q "training set $set_name (12 cases) assigned to the trainee t1" out.txt && ok "demo names the set" ||
  bad "demo output: $(cat out.txt)"
expect_code 4 "the live queue refuses the trainee t1" "$rs" decide --db "$db" --user t1 approve
grep -q "t1 is a trainee" err.txt && ok "says why" || bad "decide t1: $(cat err.txt)"

# Every live table a training session must leave alone, dumped whole.
live() {
  python3 - <<'PY'
import os, rsdb
db = rsdb.connect(os.environ["RS_DB"])
for t in ["decisions", "decision_reasons", "image_numbers", "notices", "outbox", "attempts", "orders"]:
    for row in db.execute(f"SELECT * FROM {t} ORDER BY 1"):
        print(t, row)
PY
}
before=$(live | sha256sum)

expect_code 0 "t1 answers the demo set's first case" "$rs" training answer --db "$db" --user t1 --set "$set_name" approve
grep -q "answered case 1 of 12" out.txt && grep -q "^reference: " out.txt && ok "immediate feedback: the reference" ||
  bad "answer: $(cat out.txt)"
expect_code 0 "t1 rejects the second" "$rs" training answer --db "$db" --user t1 --set "$set_name" reject --reason BLURRED,LIGHTING
expect_code 4 "an unknown reason is refused" "$rs" training answer --db "$db" --user t1 --set "$set_name" reject --reason NOPE
grep -q "unknown reason code 'NOPE'" err.txt && ok "names the reason" || bad "bad reason: $(cat err.txt)"

# tr builds a set by hand from an orders file: two decided orders of the history.
python3 -c "
import os, rsdb; db = rsdb.connect(os.environ['RS_DB'])
rows = db.execute(\"SELECT o.order_no FROM orders o JOIN attempts a ON a.order_id = o.id JOIN decisions d ON d.attempt_id = a.id WHERE d.reviewer <> 'system' ORDER BY o.id LIMIT 2\").fetchall()
open('orders.txt', 'w').write('# picked by hand\n' + ''.join(r[0] + '\n' for r in rows))
open('bad_orders.txt', 'w').write(rows[0][0] + '\nNOPE123\n')"
expect_code 4 "an unknown order in the file is refused" "$rs" training create --db "$db" --user tr --name hand --orders bad_orders.txt
grep -q "line 2: order 'NOPE123': no such order" err.txt && ok "names the line and the order" || bad "orders: $(cat err.txt)"
expect_code 0 "tr builds a set from the orders file" "$rs" training create --db "$db" --user tr --name hand --orders orders.txt
grep -q "training set hand: 2 cases, feedback end" out.txt && ok "two cases" || bad "create: $(cat out.txt)"
expect_code 0 "tr builds a set of difficult cases" "$rs" training create --db "$db" --user tr --name hard --difficult --limit 5
expect_code 4 "an unknown set is refused" "$rs" training show nope --db "$db" --user tr
grep -q "no training set named 'nope'" err.txt && ok "names the set" || bad "show nope: $(cat err.txt)"
expect_code 7 "a reviewer cannot build a set" "$rs" training create --db "$db" --user r1 --name mine --limit 3
expect_code 7 "a reviewer cannot assign" "$rs" training assign hand --to t1 --db "$db" --user r1
expect_code 4 "assigning to an unknown account is refused" "$rs" training assign hand --to ghost --db "$db" --user tr
grep -q "no account named 'ghost'" err.txt && ok "names the account" || bad "assign ghost: $(cat err.txt)"
expect_code 0 "tr edits case 1's reference and note" "$rs" training edit hand 1 reject --reason HAIR_EARS --note "看左耳" --db "$db" --user tr
expect_code 0 "tr assigns the set to t1" "$rs" training assign hand --to t1 --db "$db" --user tr
expect_code 0 "tr shows the set" "$rs" training show hand --db "$db" --user tr
grep -q "reference: rejected (HAIR_EARS); note: 看左耳" out.txt && ok "the edited reference shows" || bad "show: $(cat out.txt)"
python3 - <<'PY' && ok "names and ID numbers are masked" || bad "show leaks a name or an ID number: $(cat out.txt)"
import os, rsdb, sys
out = open("out.txt", encoding="utf-8").read()
db = rsdb.connect(os.environ["RS_DB"])
rows = db.execute("SELECT o.applicant_name, o.id_number FROM training_cases c JOIN attempts a ON a.id = c.attempt_id "
                  "JOIN orders o ON o.id = a.order_id").fetchall()
sys.exit(1 if not rows or any(name in out or idn in out for name, idn in rows) or "*" not in out else 0)
PY

expect_code 0 "tr exports the set" "$rs" training export hand --out hand.json --db "$db" --user tr
python3 -c "import json; d = json.load(open('hand.json')); d['name'] = 'hand2'; json.dump(d, open('hand2.json', 'w'))"
expect_code 0 "and imports it under another name" "$rs" training import hand2.json --db "$db" --user tr
echo '{"format": "reviewstation-training-set", "name": "x", "feedback": "end", "cases": [{"order_no": "GONE", "attempt_no": 1, "reference": "approved"}]}' >bad.json
expect_code 4 "a file naming an unknown order is refused" "$rs" training import bad.json --db "$db" --user tr
grep -q "bad.json: case 1: order 'GONE'" err.txt && ok "names the file and the case" || bad "import: $(cat err.txt)"

expect_code 4 "r2 is not assigned the set" "$rs" training answer --db "$db" --user r2 --set hand approve
expect_code 0 "t1 answers case 1 of hand" "$rs" training answer --db "$db" --user t1 --set hand approve
grep -q "^reference" out.txt && bad "end feedback showed a reference early" || ok "end feedback: no reference yet"
expect_code 0 "t1 answers the last case" "$rs" training answer --db "$db" --user t1 --set hand reject --reason BLURRED
grep -q "set hand finished: " out.txt && grep -q "note: 看左耳" out.txt && ok "the end shows every reference" ||
  bad "last answer: $(cat out.txt)"
expect_code 5 "nothing left to answer" "$rs" training answer --db "$db" --user t1 --set hand approve
[ "$(live | sha256sum)" = "$before" ] && ok "the live tables are unchanged by the answers" || bad "a live table changed"

expect_code 0 "tr reads the scores as JSON" "$rs" training scores --db "$db" --user tr --trainee t1 --json
python3 - <<'PY' && ok "one object per set with the figures" || bad "scores: $(cat out.txt)"
import json, sys
rows = {r["set"]: r for r in map(json.loads, open("out.txt"))}
hand = rows["hand"]
need = {"trainee", "set", "cases", "accuracy", "kappa", "ms_per_case", "per_reason"}
ok = need <= set(hand) and hand["trainee"] == "t1" and hand["cases"] == 2 and rows["入门练习"]["cases"] == 2
# case 1: reference rejected HAIR_EARS, answered approve -> wrong; HAIR_EARS recall 0.
ok = ok and hand["per_reason"]["HAIR_EARS"]["recall"] == 0 and hand["per_reason"]["HAIR_EARS"]["precision"] is None
sys.exit(0 if ok else 1)
PY
expect_code 0 "and as CSV" "$rs" training scores --db "$db" --user tr --csv
head -1 out.txt | grep -q "^trainee,set,cases" && ok "CSV header" || bad "csv: $(cat out.txt)"
expect_code 7 "a reviewer cannot read the scores" "$rs" training scores --db "$db" --user r1

expect_code 7 "a reviewer cannot certify" "$rs" users certify t1 --db "$db" --user r1
expect_code 0 "tr certifies t1" "$rs" users certify t1 --db "$db" --user tr
expect_code 0 "t1 now decides in the live queue" "$rs" decide --db "$db" --user t1 approve
expect_code 0 "admin adds a trainee" "$rs" users add t2 --role reviewer --trainee --db "$db" --user admin
expect_code 4 "who is refused by the live queue" "$rs" decide --db "$db" --user t2 approve
expect_code 0 "audit verify holds" "$rs" audit verify --db "$db" --user sup
grep -q "intact" out.txt && ok "$(head -c 160 out.txt)" || bad "audit verify: $(cat out.txt)"

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
