#!/usr/bin/env bash
# Known-answer (gold) cases end to end on the demo database: settings only for supervisors with
# values checked, `gold add` only for trainers and supervisors and only decided orders, then r1
# decides through `reviewstation decide` with gold delivered at 50 %: gold orders carry fresh
# numbers, their answers land in gold_answers and nowhere an applicant sees (no decision, number,
# notice or outbox message; the numbers printed for them are issued to no gold order), `gold scores` lists the
# record, r1 is paused after gold.min_cases wrong answers (claims refused, the inbox says why),
# `users unpause` by a supervisor lifts it, and audit verify holds, then names a setting changed by
# hand.
# Usage: gold_cli.sh /path/to/reviewstation SCRATCH_DIR
set -uo pipefail
rs=$1; dir=$2
source "$(cd "$(dirname "$0")" && pwd)/lib.bash"
rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
export RS_PASSWORD=demo
# SQLite's q.db, or a PostgreSQL database when ctest's e2e_gold_cli_pg runs this script.
db=$(e2e_db q.db) || { echo "FAIL - no database"; exit 1; }
export RS_DB="$db"
trap e2e_db_drop EXIT

expect_code 0 "demo database" "$rs" demo --db "$db" --orders 30 --no-gui

# ---- settings ----
expect_code 0 "settings list" "$rs" settings list --db "$db" --user sup
grep -q "^gold.rate = 0.05$" out.txt && grep -q "^gold.pause_below = 0.85$" out.txt && grep -q "^gold.min_cases = 20$" out.txt &&
  ok "the defaults: rate 0.05, pause below 0.85, 20 cases" || bad "settings: $(cat out.txt)"
expect_code 7 "a reviewer cannot change a threshold" "$rs" settings set gold.pause_below 0.5 --db "$db" --user r1
expect_code 7 "nor a trainer" "$rs" settings set gold.pause_below 0.5 --db "$db" --user tr
expect_code 4 "a rate above 0.5 is refused" "$rs" settings set gold.rate 0.9 --db "$db" --user sup
grep -q "gold.rate '0.9'" err.txt && ok "names the key and value" || bad "rate 0.9: $(cat err.txt)"
expect_code 4 "an unknown key is refused" "$rs" settings set gold.speed 1 --db "$db" --user sup
grep -q "unknown setting 'gold.speed'" err.txt && ok "names the key" || bad "unknown key: $(cat err.txt)"
expect_code 0 "sup sets the rate to 0.5" "$rs" settings set gold.rate 0.5 --db "$db" --user sup
expect_code 0 "sup sets min cases to 5" "$rs" settings set gold.min_cases 5 --db "$db" --user sup

# ---- gold add ----
# Orders of the history rejected by r2 or r3 and never overturned: r1 may receive every one, and
# approving every case gets each one wrong.
python3 - <<'PY' >gold_orders.txt
import os, rsdb
db = rsdb.connect(os.environ["RS_DB"])
rows = db.execute("""SELECT o.order_no FROM decisions d JOIN attempts a ON a.id = d.attempt_id
  JOIN orders o ON o.id = a.order_id WHERE d.reviewer IN ('r2', 'r3') AND d.decision = 'rejected'
  AND NOT EXISTS (SELECT 1 FROM overturns v WHERE v.decision_id = d.id)
  AND a.attempt_no = (SELECT MAX(attempt_no) FROM attempts b JOIN decisions e ON e.attempt_id = b.id
                      WHERE b.order_id = o.id) ORDER BY o.order_no LIMIT 20""").fetchall()
print(" ".join(r[0] for r in rows))
PY
read -r -a golds <gold_orders.txt
[ "${#golds[@]}" = 20 ] && ok "the history holds 20 such orders" || bad "gold candidates: ${golds[*]}"
pending=$(python3 -c "import os, rsdb; print(rsdb.connect(os.environ['RS_DB']).execute(\"SELECT o.order_no FROM orders o WHERE NOT EXISTS (SELECT 1 FROM attempts b JOIN decisions d ON d.attempt_id = b.id WHERE b.order_id = o.id) LIMIT 1\").fetchone()[0])")
expect_code 7 "a reviewer cannot mark gold" "$rs" gold add "${golds[0]}" --db "$db" --user r1
expect_code 4 "an unknown order is refused" "$rs" gold add NOPE123 --db "$db" --user tr
grep -q "'NOPE123'" err.txt && ok "names the order" || bad "unknown order: $(cat err.txt)"
expect_code 4 "an undecided order is refused" "$rs" gold add "$pending" --db "$db" --user tr
grep -q "'$pending'.*decided" err.txt && ok "names the undecided order" || bad "pending order: $(cat err.txt)"
expect_code 0 "tr marks 20 gold cases" "$rs" gold add "${golds[@]}" --db "$db" --user tr
grep -q "^20 gold case(s) marked" out.txt && ok "20 marked" || bad "gold add: $(cat out.txt)"
expect_code 4 "marking one twice is refused" "$rs" gold add "${golds[0]}" --db "$db" --user sup

# ---- r1 decides through `decide`; approving every case gets every gold case wrong ----
counts() {
  python3 - <<'PY'
import os, rsdb
db = rsdb.connect(os.environ["RS_DB"])
print(" ".join(str(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
               for t in ["decisions", "image_numbers", "notices", "outbox", "gold_answers"]))
PY
}
read -r dec0 img0 not0 out0 ans0 < <(counts)
: >decided.txt
paused_at=""
for i in $(seq 1 40); do
  "$rs" decide --db "$db" --user r1 approve >>decided.txt 2>err.txt
  code=$?
  if [ "$code" != 0 ]; then paused_at=$i; break; fi
done
[ -n "$paused_at" ] && grep -q "r1 is paused" err.txt && ok "r1's claim is refused once paused (decision $paused_at): $(head -c 120 err.txt)" ||
  bad "r1 was never paused: $(cat err.txt)"
read -r dec1 img1 not1 out1 ans1 < <(counts)
python3 - "$dec0" "$dec1" "$img0" "$img1" "$not0" "$not1" "$out0" "$out1" "$ans0" "$ans1" <<'PY' && ok "gold answers reach no applicant-facing table" || bad "tables: $(cat decided.txt)"
import os, re, rsdb, sys
dec0, dec1, img0, img1, not0, not1, out0, out1, ans0, ans1 = map(int, sys.argv[1:])
db = rsdb.connect(os.environ["RS_DB"])
lines = [l for l in open("decided.txt") if l.strip()]
gold_nos = {r[0] for r in db.execute("SELECT order_no FROM gold_deliveries")}
real_nos = {r[0] for r in db.execute("SELECT order_no FROM orders")}
gold = [l for l in lines if l.split()[1] in gold_nos]
real = [l for l in lines if l.split()[1] in real_nos]
assert len(gold) + len(real) == len(lines), lines
assert len(gold) == 5, (len(gold), lines)        # min_cases 5, every answer wrong
assert not gold_nos & real_nos, gold_nos & real_nos
assert dec1 - dec0 == len(real) and img1 - img0 == len(real), (dec0, dec1, img0, img1, len(real))
assert out1 - out0 == len(real) and not1 == not0, (out0, out1, not0, not1)
assert ans1 - ans0 == 5
# A gold approval shows the number the city's next real approval takes (read, not taken): never
# one issued for the gold order itself.
issued_to = dict(db.execute("SELECT i.number, o.order_no FROM image_numbers i JOIN attempts a ON a.id = i.attempt_id "
                            "JOIN orders o ON o.id = a.order_id"))
for l in gold:
    m = re.search(r"image number (\S+),", l)
    assert m and len(m.group(1)) == 16 and issued_to.get(m.group(1)) != l.split()[1], l
# The gold orders look like the demo's: the same prefix and length as a real order number.
shape = lambda s: (re.sub(r"\d", "9", s))
assert all(shape(l.split()[1]) in {shape(n) for n in real_nos} for l in gold), gold
PY
expect_code 0 "gold scores as JSON" "$rs" gold scores --db "$db" --user tr --json
python3 - <<'PY' && ok "r1: 5 answered, 0 right, paused" || bad "scores: $(cat out.txt)"
import json
rows = {r["reviewer"]: r for r in map(json.loads, open("out.txt"))}
r = rows["r1"]
assert r["answered"] == 5 and r["correct"] == 0 and r["accuracy"] == 0 and r["paused"] is True, r
PY
expect_code 0 "gold scores as CSV" "$rs" gold scores --db "$db" --user sup --csv
head -1 out.txt | grep -q "^reviewer,answered,correct,accuracy" && grep -q "^r1,5,0,0.0000,5,0,true$" out.txt &&
  ok "CSV header and r1's row" || bad "csv: $(cat out.txt)"
expect_code 4 "second review is refused too" "$rs" second-review --db "$db" --user r1 approve
grep -q "r1 is paused" err.txt && ok "says why" || bad "second review: $(cat err.txt)"
expect_code 0 "the inbox" "$rs" second-review --db "$db" --user sup --inbox
grep -q "^paused r1 since .*: 0 of 5 gold answers right, below 85 %" out.txt && ok "the inbox names r1 and why" ||
  bad "inbox: $(cat out.txt)"

# ---- the lift ----
expect_code 7 "a reviewer cannot unpause" "$rs" users unpause r1 --db "$db" --user r2
expect_code 7 "nor a trainer" "$rs" users unpause r1 --db "$db" --user tr
expect_code 0 "sup unpauses r1" "$rs" users unpause r1 --db "$db" --user sup
expect_code 4 "unpausing twice is refused" "$rs" users unpause r1 --db "$db" --user sup
expect_code 0 "r1 decides again" "$rs" decide --db "$db" --user r1 approve
expect_code 0 "the inbox is clear of pauses" "$rs" second-review --db "$db" --user sup --inbox
grep -q "^paused" out.txt && bad "still paused: $(cat out.txt)" || ok "no pause listed"

expect_code 0 "audit verify holds" "$rs" audit verify --db "$db" --user sup
grep -q "intact" out.txt && ok "$(head -c 200 out.txt)" || bad "audit verify: $(cat out.txt)"
python3 -c "import os, rsdb; c = rsdb.connect(os.environ['RS_DB']); c.execute(\"UPDATE settings SET value = '0.5' WHERE key = 'gold.pause_below'\"); c.commit()"
expect_code 20 "a threshold changed by hand breaks audit verify" "$rs" audit verify --db "$db" --user sup
grep -q "setting gold.pause_below is '0.5'" out.txt && ok "names the setting" || bad "tampered: $(cat out.txt)"

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
