#!/usr/bin/env bash
# The audit log end to end: a demo queue with decisions verifies (exit 0); someone with the file
# drops the append-only trigger and edits a reviewer, and `audit verify` names the decision and its
# audit row (exit 20); a tail rewritten with every hash recomputed passes the chain alone but not a
# head kept from earlier. Usage: audit_cli.sh /path/to/reviewstation SCRATCH_DIR
set -uo pipefail
rs=$1; dir=$2
source "$(cd "$(dirname "$0")" && pwd)/lib.bash"
rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
export RS_PASSWORD=demo  # the demo accounts' password, for commands that sign in
# SQLite's q.db (copies as files), or PostgreSQL databases when ctest's e2e_audit_cli_pg runs this.
trap e2e_db_drop EXIT
db=$(e2e_db q.db) || { echo "FAIL - no database"; exit 1; }
export RS_DB="$db"

expect_code 0 "demo fills the queue" "$rs" demo --db "$db" --orders 8 --no-gui --no-history
expect_code 0 "approve" "$rs" decide --db "$db" --user r1 approve
expect_code 0 "reject" "$rs" decide --db "$db" --user r2 reject --reason BLURRED,HAIR_EARS
expect_code 0 "approve again" "$rs" decide --db "$db" --user r1 approve
number=$("$rs" export --db "$db" | python3 -c "import json,sys; print([json.loads(l) for l in sys.stdin][0]['image_number'])")
expect_code 0 "revoke one" "$rs" revoke --db "$db" "$number" --user sup --reason 照片与本人不符

expect_code 0 "audit verify: intact" "$rs" audit verify --db "$db" --user sup
grep -q "audit log intact: .* 3 decisions" out.txt && ok "it says intact and counts the decisions" || bad "verify line: $(cat out.txt)"
expect_code 0 "audit verify --json" "$rs" audit verify --db "$db" --user sup --json
[ "$(json_field intact < out.txt)" = True ] && ok "--json: intact" || bad "verify --json: $(cat out.txt)"
expect_code 0 "audit head --json" "$rs" audit head --db "$db" --user sup --json
head_json=$(cat out.txt)
python3 -c "
import json, sys
j = json.loads(sys.argv[1])
assert list(j) == ['rows', 'head'] and j['rows'] > 10 and len(j['head']) == 64
" "$head_json" && ok "head is {\"rows\": N, \"head\": HEX}" || bad "head: $head_json"
rows=$(echo "$head_json" | json_field rows)
hex=$(echo "$head_json" | json_field head)
expect_code 0 "audit head as ROWS:HEX" "$rs" audit head --db "$db" --user sup
# Signing in is itself a row of the log: the second head is one row further.
grep -qE "^$((rows + 1)):[0-9a-f]{64}$" out.txt && ok "the plain head is ROWS:HEX, one sign-in later" || bad "plain head: $(cat out.txt)"
expect_code 7 "a reviewer may not read the audit log" "$rs" audit verify --db "$db" --user r1
grep -q "needs the supervisor or admin role" err.txt && ok "the refusal names the roles" || bad "stderr: $(cat err.txt)"
expect_code 0 "an admin may" "$rs" audit head --db "$db" --user admin
RS_PASSWORD=wrong expect_code 6 "a wrong password is refused" "$rs" audit head --db "$db" --user sup
expect_code 2 "a head that is not one is a usage error" "$rs" audit verify --db "$db" --user sup --head nonsense
expect_code 2 "a missing file is not an intact log" "$rs" audit verify --db missing.db --user sup

# More work after the head was kept: the kept head is still in the chain.
expect_code 0 "one more decision" "$rs" decide --db "$db" --user r3 approve
expect_code 0 "verify --head (the JSON head)" "$rs" audit verify --db "$db" --user sup --head "$head_json"
grep -q "the kept head is row $rows" out.txt && ok "the kept head is found at row $rows" || bad "kept head: $(cat out.txt)"
expect_code 0 "verify --head HEX" "$rs" audit verify --db "$db" --user sup --head "$hex"

# The triggers refuse an edit of the log.
python3 - <<'PY' && ok "the triggers refuse UPDATE and DELETE on audit_log" || bad "triggers"
import os, rsdb
db = rsdb.connect(os.environ["RS_DB"])
for sql in ("UPDATE audit_log SET actor = 'x' WHERE id = 1", "DELETE FROM audit_log WHERE id = 1"):
    try:
        db.execute(sql)
        raise SystemExit("accepted: " + sql)
    except SystemExit:
        raise
    except Exception as e:  # sqlite3's error, or psql's exit with the server's message
        assert "append-only" in (getattr(e, "stderr", None) or str(e)), e
PY

# A forger with the file: the reviewer of decision 1 edited behind the log's back.
tampered=$(e2e_db_copy "$db" tampered.db tampered) || bad "no copy of the store"
python3 - "$tampered" <<'PY'
import sys, rsdb
db = rsdb.connect(sys.argv[1])
pg = sys.argv[1].startswith("postgresql")
db.execute("DROP TRIGGER audit_log_no_update" + (" ON audit_log" if pg else ""))
db.execute("UPDATE decisions SET reviewer = 'mallory' WHERE id = 1")
db.commit()
PY
decide_row=$(python3 - "$tampered" <<'PY'
import sys, rsdb
pg = sys.argv[1].startswith("postgresql")
decision = "(detail::json->>'decision_id')::int" if pg else "json_extract(detail, '$.decision_id')"
print(rsdb.connect(sys.argv[1]).execute(f"SELECT id FROM audit_log WHERE action = 'decide' AND {decision} = 1").fetchone()[0])
PY
)
expect_code 20 "audit verify finds the edited reviewer" "$rs" audit verify --db "$tampered" --user sup
[ "$(wc -l < out.txt)" = 1 ] && ok "one line" || bad "lines: $(cat out.txt)"
grep -q "row $decide_row (mismatch): decision 1 (order .*) does not match audit row $decide_row: reviewer: \"mallory\" in the tables" out.txt \
  && ok "it names decision 1, its audit row $decide_row and the reviewer" || bad "verify line: $(cat out.txt)"

# A forger who knows the hashed form rewrites a row and every hash after it.
rewritten=$(e2e_db_copy "$db" rewritten.db rewritten) || bad "no copy of the store"
python3 - "$rewritten" <<'PY'
import hashlib, sys, rsdb
db = rsdb.connect(sys.argv[1])
db.execute("DROP TRIGGER audit_log_no_update" + (" ON audit_log" if sys.argv[1].startswith("postgresql") else ""))
def field(v):
    b = str(v).encode()
    return str(len(b)).encode() + b":" + b + b","
rows = db.execute("SELECT id, form, at, actor, action, subject, detail FROM audit_log ORDER BY id").fetchall()
prev = "0" * 64
for (id, form, at, actor, action, subject, detail) in rows:
    if id == 5:
        at = "2026-01-01T00:00:00.000+08:00"  # a time no table holds
    h = hashlib.sha256(b"".join(field(v) for v in (form, id, at, actor, action, subject, detail, prev))).hexdigest()
    db.execute("UPDATE audit_log SET at = ?, prev_hash = ?, hash = ? WHERE id = ?", (at, prev, h, id))
    prev = h
db.commit()
PY
expect_code 0 "the rewritten chain alone still holds" "$rs" audit verify --db "$rewritten" --user sup
expect_code 20 "but not against the head kept earlier" "$rs" audit verify --db "$rewritten" --user sup --head "$head_json"
grep -q "broken at row $rows (kept head missing)" out.txt && ok "it names row $rows and the kept head" || bad "kept head line: $(cat out.txt)"
expect_code 20 "nor against the bare HEX" "$rs" audit verify --db "$rewritten" --user sup --head "$hex"

echo "audit_cli: $passes passed, $fails failed"
[ "$fails" = 0 ]
