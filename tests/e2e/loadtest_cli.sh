#!/usr/bin/env bash
# `reviewstation loadtest` on SQLite: four workstations for three seconds decide orders, --json is
# one object with every figure, the three checks are 0 (and the audit log verifies afterwards); a
# database that holds orders or accounts is refused (exit 4) and left as it was; bad flags are
# usage errors. Usage: loadtest_cli.sh /path/to/reviewstation SCRATCH_DIR
set -uo pipefail
rs=$1; dir=$2
source "$(cd "$(dirname "$0")" && pwd)/lib.bash"
rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
unset RS_PASSWORD

expect_code 0 "four workstations for three seconds" "$rs" loadtest --db load.db --workstations 4 --seconds 3 --json
cp out.txt run.json
python3 - run.json <<'PY' && ok "--json is one object with the figures, decisions made, every check 0" || bad "json: $(cat run.json)"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 1, lines
r = json.loads(lines[0])
for k in ["decisions_per_s", "claim_ms_p50", "claim_ms_p99", "decide_ms_p50", "decide_ms_p99", "double_decisions",
          "duplicate_numbers", "serial_gaps", "workstations", "seconds", "think_ms", "decisions", "claims",
          "busy_retries", "engine"]:
    assert k in r, k
assert r["engine"] == "sqlite" and r["workstations"] == 4 and r["seconds"] == 3 and r["think_ms"] == 0, r
assert r["decisions"] > 100 and r["decisions_per_s"] > 0 and r["claims"] == r["decisions"], r
assert r["double_decisions"] == 0 and r["duplicate_numbers"] == 0 and r["serial_gaps"] == 0, r
assert r["refusals"] == 0 and r["orders_filled"] >= r["decisions"], r
assert 0 < r["claim_ms_p50"] <= r["claim_ms_p99"] and 0 < r["decide_ms_p50"] <= r["decide_ms_p99"], r
PY
python3 - load.db run.json <<'PY' && ok "the database holds what the run reported" || bad "tables disagree with the report"
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1]); r = json.load(open(sys.argv[2]))
one = lambda q: db.execute(q).fetchone()[0]
assert one("SELECT COUNT(*) FROM decisions") == r["decisions"]
assert one("SELECT COUNT(DISTINCT reviewer) FROM decisions") == 4
assert one("SELECT COUNT(*) FROM users") == 5
assert one("SELECT COUNT(*) FROM image_numbers") == one("SELECT COUNT(*) FROM decisions WHERE decision = 'approved'")
assert one("SELECT COUNT(*) FROM outbox") == r["decisions"]
PY

# The accounts' passwords are random and never shown (the unit test verifies the audit log).
python3 - load.db <<'PY' && ok "no password or hash reaches the output" || bad "secrets in the output"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
hashes = [h for (h,) in db.execute("SELECT password_hash FROM users")]
out = open("run.json").read() + open("err.txt").read()
assert all(h and h not in out for h in hashes)
PY

before=$(python3 -c "import sqlite3; print(sqlite3.connect('load.db').execute('SELECT COUNT(*) FROM orders').fetchone()[0])")
expect_code 4 "a second run on the same database is refused" "$rs" loadtest --db load.db --workstations 2 --seconds 1
grep -q "load.db already holds $before orders and 5 accounts" err.txt && ok "the refusal names the database and what it holds" || bad "stderr: $(cat err.txt)"
after=$(python3 -c "import sqlite3; print(sqlite3.connect('load.db').execute('SELECT COUNT(*) FROM orders').fetchone()[0])")
[ -n "$after" ] && [ "$before" = "$after" ] && ok "nothing was written ($after orders)" || bad "orders $before -> $after"

expect_code 0 "the demo makes a database with accounts" "$rs" demo --db demo.db --orders 2 --no-gui --no-history
expect_code 4 "a database with the demo's orders is refused" "$rs" loadtest --db demo.db --workstations 1 --seconds 1
expect_code 2 "no workstations is a usage error" "$rs" loadtest --db x.db --workstations 0 --seconds 1
expect_code 2 "a time that is not a number is a usage error" "$rs" loadtest --db x.db --workstations 1 --seconds soon
[ ! -e x.db ] && ok "a usage error creates no database" || bad "x.db was created"

expect_code 0 "the table without --json" "$rs" loadtest --db table.db --workstations 2 --seconds 1 --think-ms 20
grep -qE "^  decisions per second +[0-9]+" out.txt && grep -qE "^  serial gaps +0 " out.txt && ok "the table has the figures and the checks" || bad "table: $(cat out.txt)"

echo "loadtest_cli: $passes passed, $fails failed"
[ "$fails" = 0 ]
