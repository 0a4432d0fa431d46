#!/usr/bin/env bash
# `reviewstation migrate` end to end (issue 18): a demo store with days of history (decisions,
# second reviews, overturns, training) is copied into a fresh PostgreSQL database; then every
# table's row count is compared with sqlite3 and psql, queue, export and figures print the same on
# both, audit verify holds on the target with the source's head, and the next decision on the
# target is the one the source would make (same order, number and ids, no duplicate number).
# Refusals write nothing: a second migrate into the same target, a truncated or empty source, a
# --to that is no URL, a column on one side only, a source whose audit log was edited; a derived
# table that differs from what the triggers derive is named and rolled back.
# Usage: migrate_pg.sh /path/to/reviewstation SCRATCH_DIR, with RS_TEST_PG_URL_FILE naming the
# file where ctest's pg fixture (tests/pg/server.sh) wrote its server's URL.
set -uo pipefail
rs=$(realpath "$1"); out=$2
source "$(cd "$(dirname "$0")" && pwd)/lib.bash"
rm -rf "$out"; mkdir -p "$out"; cd "$out" || exit 1
export RS_PASSWORD=demo

for tool in sqlite3 psql python3; do command -v $tool >/dev/null || fail "$tool is missing (bash .ci/setup installs it)"; done
url_file=${RS_TEST_PG_URL_FILE:-}
[ -n "$url_file" ] && [ -s "$url_file" ] || fail "no PostgreSQL server: RS_TEST_PG_URL_FILE='$url_file' names no URL (ctest's pg fixture writes it)"
server=$(cat "$url_file")
db1="rs_migrate_$$"; db2="rs_migrate_$$_b"
target="${server%/*}/$db1"; other="${server%/*}/$db2"
for d in "$db1" "$db2"; do
  psql "$server" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $d" || fail "cannot create $d on $server"
done
trap 'for d in "$db1" "$db2"; do psql "$server" -X -q -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1; done' EXIT
pg() { psql "$1" -X -A -t -q -v ON_ERROR_STOP=1 -c "$2"; }

# ---- the source: demo history, and three decisions of today so today's counters exist ----
"$rs" demo --db a.db --orders 20 --no-gui >demo.log 2>&1 || fail "demo: $(cat demo.log)"
for _ in 1 2 3; do "$rs" decide --db a.db --user r1 approve >>decide.log 2>&1 || fail "decide on the source: $(cat decide.log)"; done
tables=$(sqlite3 a.db "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                       AND name <> 'schema_migrations' ORDER BY name")
source_head=$(sqlite3 a.db "SELECT id || ' ' || hash FROM audit_log ORDER BY id DESC LIMIT 1")
for t in decisions second_reviews overturns training_cases; do
  n=$(sqlite3 a.db "SELECT count(*) FROM $t")
  [ "$n" -gt 0 ] && ok "the source has $n $t" || bad "the demo store has no $t: the copy of $t would go untested"
done

# ---- the copy ----
expect_code 0 "migrate into a fresh PostgreSQL database" "$rs" migrate --from a.db --to "$target"
cp out.txt summary.txt
grep -q "every table equal on both sides; audit log intact: ${source_head%% *} rows, head ${source_head#* }" summary.txt &&
  ok "the summary ends at the source's audit head (${source_head%% *} rows)" || bad "summary: $(tail -1 summary.txt)"
counts_differ=0
for t in $tables; do
  a=$(sqlite3 a.db "SELECT count(*) FROM $t"); b=$(pg "$target" "SELECT count(*) FROM $t")
  [ "$a" = "$b" ] || { counts_differ=1; bad "table $t: $a rows in SQLite, $b on PostgreSQL"; }
  grep -q "^$t  *$a " summary.txt || { counts_differ=1; bad "the summary does not list $t with $a rows"; }
done
[ $counts_differ = 0 ] && ok "all $(echo "$tables" | wc -w) tables: the same row counts by sqlite3 and psql, and in the summary"
[ "$(pg "$target" "SELECT md5(string_agg(md5(bytes), ',' ORDER BY id)) FROM photos")" = \
  "$(sqlite3 a.db "SELECT id, hex(bytes) FROM photos ORDER BY id" | python3 -c "
import hashlib, sys
print(hashlib.md5(','.join(hashlib.md5(bytes.fromhex(l.split('|')[1])).hexdigest() for l in sys.stdin).encode()).hexdigest())")" ] &&
  ok "the photos' bytes are the same (bytea)" || bad "the photos' bytes differ"

# ---- the target reads as the source does ----
same() {  # same DESCRIPTION args...: the command's output on both stores
  local what=$1
  shift
  "$rs" "$@" --db a.db >src.txt 2>&1; local a=$?
  "$rs" "$@" --db "$target" >dst.txt 2>&1; local b=$?
  if [ $a = 0 ] && [ $b = 0 ] && cmp -s src.txt dst.txt && [ -s src.txt ]; then ok "$what: the same $(wc -l <src.txt) lines"
  else bad "$what differs (exit $a / $b):"; diff src.txt dst.txt | head -10; fi
}
same "queue --json" queue --json
same "export" export
same "figures --json" figures --user sup --json
same "figures --csv" figures --user sup --csv
expect_code 0 "audit verify --user sup on the target" "$rs" audit verify --db "$target" --user sup
grep -q "audit log intact" out.txt && ok "intact: $(cut -c1-90 out.txt)" || bad "audit verify: $(cat out.txt)"

# ---- the next decision: the target goes on where the source stands ----
"$rs" decide --db a.db --user r2 approve >next_src.txt 2>&1 || bad "decide on the source: $(cat next_src.txt)"
expect_code 0 "r2 decides on the target" "$rs" decide --db "$target" --user r2 approve
if cmp -s out.txt next_src.txt; then ok "the same order and image number as the source issues: $(cat out.txt)"
else bad "the target decided '$(cat out.txt)', the source '$(cat next_src.txt)'"; fi
number=$(grep -o 'GD[0-9A-Z]\{14\}' out.txt)
[ "$(pg "$target" "SELECT count(*) FROM image_numbers WHERE number = '$number'")" = 1 ] &&
  [ "$(pg "$target" "SELECT count(*) - count(DISTINCT number) FROM image_numbers")" = 0 ] &&
  ok "$number is issued once; no number twice on the target" || bad "a duplicate image number on the target"
q="SELECT id || ' ' || lease_token FROM decisions ORDER BY id DESC LIMIT 1"
[ "$(pg "$target" "$q")" = "$(sqlite3 a.db "$q")" ] && ok "the new decision's id and fencing token follow the copied ones ($(pg "$target" "$q"))" ||
  bad "decision id/token: target $(pg "$target" "$q"), source $(sqlite3 a.db "$q")"
expect_code 0 "audit verify on the target after its own decision" "$rs" audit verify --db "$target" --user sup

# ---- refusals that write nothing ----
snapshot() {  # every table's count and the audit head of a PostgreSQL database
  local t
  for t in $tables; do echo "$t $(pg "$1" "SELECT count(*) FROM $t" 2>&1)"; done
  pg "$1" "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1"
}
before=$(snapshot "$target")
expect_code 4 "a second migrate into the same target is refused" "$rs" migrate --from a.db --to "$target"
grep -q "already holds .* orders" err.txt && ok "it says why: $(cut -c1-120 err.txt)" || bad "message: $(cat err.txt)"
[ "$(snapshot "$target")" = "$before" ] && ok "the target is as it was" || bad "the refused migrate changed the target"

no_tables() { [ "$(pg "$other" "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")" = 0 ]; }
cp a.db cut.db && truncate -s 40000 cut.db
expect_code 4 "a truncated source is refused" "$rs" migrate --from cut.db --to "$other"
grep -q "cut.db" err.txt && ok "naming the file: $(cut -c1-120 err.txt)" || bad "message: $(cat err.txt)"
no_tables && ok "nothing was made on the target" || bad "the target got tables from a refused source"
: >empty.db
expect_code 4 "an empty file is refused" "$rs" migrate --from empty.db --to "$other"
grep -q "empty.db is not a SQLite store (the file is empty)" err.txt && ok "$(cut -c1-100 err.txt)" || bad "$(cat err.txt)"
sqlite3 foreign.db "CREATE TABLE foo(a); INSERT INTO foo VALUES (1)"
expect_code 4 "a SQLite file that is no ReviewStation store is refused" "$rs" migrate --from foreign.db --to "$other"
grep -q "foreign.db is a SQLite file but not a ReviewStation store" err.txt && [ "$(sqlite3 foreign.db .tables)" = foo ] &&
  ok "named, and left as it was" || bad "$(cat err.txt); tables: $(sqlite3 foreign.db .tables)"
expect_code 4 "a missing source is refused" "$rs" migrate --from missing.db --to "$other"
[ ! -e missing.db ] && ok "and not created" || bad "missing.db was created"
expect_code 4 "a --to that is not postgresql:// is refused" "$rs" migrate --from a.db --to b.db
[ ! -e b.db ] && no_tables && ok "nothing written anywhere" || bad "a refused --to wrote something"

cp a.db extra.db && sqlite3 extra.db "ALTER TABLE orders ADD COLUMN note TEXT"
expect_code 4 "a column on one side only is refused" "$rs" migrate --from extra.db --to "$other"
grep -q "table orders has columns on one side only: only in the SQLite store: note" err.txt && ok "naming it: $(cut -c1-110 err.txt)" ||
  bad "message: $(cat err.txt)"
[ "$(pg "$other" "SELECT count(*) FROM orders")" = 0 ] && ok "no orders copied" || bad "orders were copied"

cp a.db derived.db && sqlite3 derived.db "UPDATE reviewer_hours SET decisions = decisions + 1
  WHERE (reviewer, hour) = (SELECT reviewer, hour FROM reviewer_hours ORDER BY hour LIMIT 1)"
expect_code 20 "a derived table that differs from its triggers' rows is named" "$rs" migrate --from derived.db --to "$other"
grep -q "table reviewer_hours: the same .* rows in number but not in values (derived by triggers); nothing was written" err.txt &&
  ok "$(tail -1 err.txt | cut -c1-130)" || bad "message: $(cat err.txt)"
[ "$(pg "$other" "SELECT count(*) FROM orders") $(pg "$other" "SELECT count(*) FROM audit_log")" = "0 0" ] &&
  ok "rolled back: no orders, no audit rows" || bad "the differing copy was kept"

cp a.db edited.db && sqlite3 edited.db "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'r9' WHERE id = 5"
expect_code 4 "a source whose audit log was edited is refused" "$rs" migrate --from edited.db --to "$other"
grep -q "does not verify (row 5" err.txt && ok "naming the row: $(cut -c1-120 err.txt)" || bad "message: $(cat err.txt)"

# ---- and the emptied target takes the copy after all ----
expect_code 0 "the refused target then takes a good copy" "$rs" migrate --from a.db --to "$other" --batch-rows 1
grep -q "every table equal on both sides" out.txt && ok "one prepared insert per row: $(tail -1 out.txt | cut -c1-60)" ||
  bad "$(tail -1 out.txt)"

echo "migrate_pg: $passes passed, $fails failed"
[ "$fails" = 0 ]
