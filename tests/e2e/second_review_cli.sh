#!/usr/bin/env bash
# Blind second review from the command line: a supervisor sets the share drawn, reviewers decide,
# another reviewer second-reviews (never their own decision, never seeing the first), the
# disagreement reaches the supervisors' inbox and is resolved; roles are checked in the store and
# the audit log verifies afterwards. Usage: second_review_cli.sh /path/to/reviewstation SCRATCH_DIR
set -uo pipefail
rs=$1; dir=$2
source "$(cd "$(dirname "$0")" && pwd)/lib.bash"
rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
export RS_PASSWORD=demo
# SQLite's q.db, or a PostgreSQL database when ctest's e2e_second_review_cli_pg runs this script.
db=$(e2e_db q.db) || { echo "FAIL - no database"; exit 1; }
export RS_DB="$db"
trap e2e_db_drop EXIT

expect_code 0 "demo fills the queue" "$rs" demo --db "$db" --orders 6 --no-gui --no-history
expect_code 7 "a reviewer cannot set the share" "$rs" second-review --db "$db" --user r1 --share 1
expect_code 0 "the supervisor draws every decision (share 1)" "$rs" second-review --db "$db" --user sup --share 1
expect_code 2 "a share that is not a number is a usage error" "$rs" second-review --db "$db" --user sup --share lots
expect_code 4 "a share above 1 is refused" "$rs" second-review --db "$db" --user sup --share 1.5
expect_code 0 "r1 approves" "$rs" decide --db "$db" --user r1 approve
expect_code 0 "r1 approves again" "$rs" decide --db "$db" --user r1 approve
expect_code 0 "r2 rejects" "$rs" decide --db "$db" --user r2 reject --reason BLURRED
expect_code 7 "the trainer may not second-review" "$rs" second-review --db "$db" --user tr approve
# r1's own two decisions are not offered to r1: the only one r1 may take is r2's rejection.
expect_code 0 "r1 second-reviews r2's rejection (agrees)" "$rs" second-review --db "$db" --user r1 reject --reason BLURRED
expect_code 5 "then nothing is left for r1 (the rest are r1's own)" "$rs" second-review --db "$db" --user r1 approve
grep -q "nothing waits" err.txt && ok "the refusal says nothing waits" || bad "r1: $(cat err.txt)"
expect_code 4 "a rejection needs a reason in a second review too" "$rs" second-review --db "$db" --user r2 reject
expect_code 0 "r2 second-reviews r1's approval (disagrees)" "$rs" second-review --db "$db" --user r2 reject --reason HAIR_EARS
grep -q "approved" out.txt && bad "the second reviewer was told the first decision: $(cat out.txt)" || ok "the output does not reveal the first decision"
expect_code 0 "sup second-reviews the last one (agrees)" "$rs" second-review --db "$db" --user sup approve
expect_code 7 "a reviewer cannot read the inbox" "$rs" second-review --db "$db" --user r1 --inbox
expect_code 0 "the inbox as JSON" "$rs" second-review --db "$db" --user sup --inbox --json
python3 - <<'PY' && ok "the inbox holds the one disagreement with both decisions" || bad "inbox: $(cat out.txt)"
import json
rows = [json.loads(l) for l in open("out.txt") if l.strip()]
assert len(rows) == 1, rows
r = rows[0]
assert r["first"]["reviewer"] == "r1" and r["first"]["decision"] == "approved", r
assert r["second"]["reviewer"] == "r2" and r["second"]["decision"] == "rejected" and r["second"]["reasons"] == ["HAIR_EARS"], r
open("id.txt", "w").write(str(r["id"]))
PY
id=$(cat id.txt)
expect_code 4 "a resolution needs a note" "$rs" second-review --db "$db" --user sup --resolve "$id"
expect_code 0 "the supervisor resolves it" "$rs" second-review --db "$db" --user sup --resolve "$id" --note "kept the approval"
expect_code 4 "twice is refused" "$rs" second-review --db "$db" --user sup --resolve "$id" --note "again"
expect_code 0 "the open inbox is empty" "$rs" second-review --db "$db" --user sup --inbox --json
[ ! -s out.txt ] && ok "no open disagreement" || bad "still open: $(cat out.txt)"
python3 - <<'PY' && ok "the tables hold three second reviews, none by its first reviewer" || bad "second_reviews table"
import os, rsdb
db = rsdb.connect(os.environ["RS_DB"])
rows = db.execute("SELECT first_reviewer, reviewer, agrees FROM second_reviews ORDER BY id").fetchall()
assert len(rows) == 3 and all(f != s for f, s, _ in rows), rows
assert sorted(a for _, _, a in rows) == [0, 1, 1], rows
assert db.execute("SELECT COUNT(*) FROM image_numbers").fetchone()[0] == 2, "a second review issued something"
PY
expect_code 0 "audit verify" "$rs" audit verify --db "$db" --user sup
echo "second_review_cli: $passes passed, $fails failed"
[ "$fails" = 0 ]
