#!/usr/bin/env bash
# Both engines end at the same schema (issue 18). A fresh SQLite database opened by the binary and
# a fresh PostgreSQL database are read from their catalogs into one text form
# (tests/pg/schema_text.py: tables, columns with type class, NOT NULL, default and key, UNIQUE,
# FOREIGN KEY, CHECK, named indexes, triggers, seeded rows) and diffed; then the same rows
# (tests/pg/trigger_rows.sql) go into both and what the triggers derived is diffed, and changing or
# deleting a row of each append-only table must be refused on both with the same message.
# Usage: pg_schema_equivalence.sh /path/to/reviewstation SCRATCH_DIR, with RS_TEST_PG_URL_FILE
# naming the file where ctest's pg fixture (tests/pg/server.sh) wrote its server's URL.
set -uo pipefail
rs=$(realpath "$1"); out=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.bash"
pg_dir="$here/../pg"
rm -rf "$out"; mkdir -p "$out"; cd "$out" || exit 1

for tool in sqlite3 psql python3; do command -v $tool >/dev/null || fail "$tool is missing (bash .ci/setup installs it)"; done
url_file=${RS_TEST_PG_URL_FILE:-}
[ -n "$url_file" ] && [ -s "$url_file" ] || fail "no PostgreSQL server: RS_TEST_PG_URL_FILE='$url_file' names no URL (ctest's pg fixture writes it)"
server=$(cat "$url_file")

# A database of our own on the fixture's server, dropped afterwards.
db_name="rs_schema_equivalence_$$"
pg_url="${server%/*}/$db_name"
psql "$server" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db_name" || fail "cannot create $db_name on $server"
trap 'psql "$server" -X -q -c "DROP DATABASE IF EXISTS $db_name" >/dev/null 2>&1' EXIT

# The engines' own way to a fresh database: the binary opens it and applies its migrations.
open_sqlite() { "$rs" queue --db "$1" >/dev/null; }
open_pg() { "$rs" queue --db "$1" >/dev/null; }

open_sqlite fresh.db && ok "the binary makes a fresh SQLite database" || fail "the binary could not open fresh.db"
open_pg "$pg_url" >pg_open.log 2>&1 && ok "the PostgreSQL schema applies to an empty database" ||
  fail "the PostgreSQL schema did not apply: $(cat pg_open.log)"

# ---- the catalogs ----
python3 "$pg_dir/schema_text.py" sqlite fresh.db >sqlite_schema.txt || fail "reading SQLite's schema failed"
python3 "$pg_dir/schema_text.py" pg "$pg_url" >pg_schema.txt || fail "reading PostgreSQL's schema failed"
tables=$(grep -c '^table ' sqlite_schema.txt)
[ "$tables" -ge 30 ] && ok "SQLite's schema read: $tables tables, $(wc -l <sqlite_schema.txt) lines" ||
  bad "SQLite's schema has only $tables tables: $(head -5 sqlite_schema.txt)"
if diff -u sqlite_schema.txt pg_schema.txt >schema.diff; then
  ok "the same tables, columns, keys, constraints, indexes, triggers and seed rows on both engines"
else
  bad "the engines' schemas differ (- SQLite, + PostgreSQL):"
  cat schema.diff
fi

# ---- what the triggers derive ----
sqlite3 -bail fresh.db <"$pg_dir/trigger_rows.sql" && ok "the trigger rows go into SQLite" || bad "trigger_rows.sql on SQLite"
psql "$pg_url" -X -q -v ON_ERROR_STOP=1 -f "$pg_dir/trigger_rows.sql" && ok "the trigger rows go into PostgreSQL" ||
  bad "trigger_rows.sql on PostgreSQL"
derived="SELECT 'hours', reviewer, hour, decisions, approvals, engine_judged, engine_agreed FROM reviewer_hours
           ORDER BY 2, 3;
         SELECT 'times', reviewer, day, review_ms, n FROM reviewer_day_times ORDER BY 2, 3, 4;
         SELECT 'reasons', reviewer, day, code, n FROM reviewer_day_reasons ORDER BY 2, 3, 4;
         SELECT 'facets', facet, value, decided_ms, decision_id FROM decision_facets ORDER BY 2, 3, 4, 5;"
sqlite3 fresh.db "$derived" >sqlite_derived.txt
psql "$pg_url" -X -A -t -q -c "$derived" >pg_derived.txt
# Without rows on SQLite the comparison below would prove nothing.
grep -qx 'hours|r1|490272|3|2|2|1' sqlite_derived.txt && grep -qx 'reasons|r2|20429|GLASSES|2' sqlite_derived.txt &&
  ok "SQLite's triggers derived $(wc -l <sqlite_derived.txt) rows" || bad "SQLite's derived rows: $(cat sqlite_derived.txt)"
if diff -u sqlite_derived.txt pg_derived.txt >derived.diff; then
  ok "PostgreSQL's triggers derive the same reviewer_hours, reviewer_day_times, reviewer_day_reasons, decision_facets"
else
  bad "the triggers derive different rows (- SQLite, + PostgreSQL):"
  cat derived.diff
fi

# ---- append-only tables: refused on both, with the same words ----
refused=(
  "UPDATE audit_log SET actor = 'x'" "DELETE FROM audit_log"
  "UPDATE overturns SET justification = 'x'" "DELETE FROM overturns"
  "UPDATE overturn_reasons SET code = 'x'" "DELETE FROM overturn_reasons"
  "UPDATE training_answers SET reasons = 'x'"
  "UPDATE gold_cases SET added_by = 'x'" "DELETE FROM gold_cases"
  "UPDATE gold_answers SET reasons = 'x'" "DELETE FROM gold_answers"
  "UPDATE decision_screens SET zoom = 2" "DELETE FROM decision_screens"
)
for statement in "${refused[@]}"; do
  s_msg=$(sqlite3 -bail fresh.db "$statement" 2>&1 | sed -E 's/^(Error: stepping, |Runtime error[^:]*: )//; s/ \([0-9]+\)$//')
  p_msg=$(psql "$pg_url" -X -q -c "$statement" 2>&1 | sed -n 's/^ERROR:  //p')
  if [ -n "$s_msg" ] && [ "$s_msg" = "$p_msg" ]; then
    ok "$statement: refused on both ($s_msg)"
  else
    bad "$statement: SQLite '$s_msg', PostgreSQL '$p_msg'"
  fi
done
counts="SELECT (SELECT count(*) FROM audit_log) || ',' || (SELECT count(*) FROM overturns) || ',' ||
               (SELECT count(*) FROM overturn_reasons) || ',' || (SELECT count(*) FROM gold_cases) || ',' ||
               (SELECT count(*) FROM gold_answers) || ',' || (SELECT count(*) FROM decision_screens) || ',' ||
               (SELECT reasons FROM training_answers)"
s_counts=$(sqlite3 fresh.db "$counts")
p_counts=$(psql "$pg_url" -X -A -t -q -c "$counts")
[ "$s_counts" = "1,1,1,1,1,1," ] && [ "$p_counts" = "$s_counts" ] && ok "every refused row is still there on both" ||
  bad "rows after the refusals: SQLite $s_counts, PostgreSQL $p_counts"

echo "pg_schema_equivalence: $passes passed, $fails failed"
[ "$fails" = 0 ]
