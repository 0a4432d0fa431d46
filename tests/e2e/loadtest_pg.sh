#!/usr/bin/env bash
# `loadtest` on PostgreSQL (issue 18): 8 workstations on one queue on the pg fixture's server, each
# its own connection; every check 0, the audit log intact, the figures the README table needs.
set -uo pipefail
rs="$1"
work="$2"
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.bash"
out="$work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
url=$(e2e_pg_db) || fail "no database on the pg fixture's server"
trap e2e_db_drop EXIT

expect_code 0 "8 workstations for 5 s on PostgreSQL" "$rs" loadtest --db "$url" --workstations 8 --seconds 5 --json
cp out.txt load.json
field() { python3 -c "import json; print(json.load(open('load.json'))['$1'])"; }
[ "$(field engine)" = postgresql ] && ok "the engine is postgresql" || bad "engine: $(field engine)"
for f in double_decisions duplicate_numbers serial_gaps refusals; do
  [ "$(field $f)" = 0 ] && ok "$f 0" || bad "$f: $(field $f)"
done
[ "$(field audit_intact)" = True ] && ok "audit log intact" || bad "audit: $(field audit_problem)"
in_db=$(psql "$url" -X -A -t -c "SELECT COUNT(*) FROM decisions")
[ "$in_db" = "$(field decisions)" ] && [ "$in_db" -gt 0 ] && ok "the database holds the $in_db decisions made" ||
  bad "decisions in the database $in_db, reported $(field decisions)"
conns=$(psql "$(e2e_pg_server)" -X -A -t -c "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '$(e2e_db_name)'")
[ "$conns" = 0 ] && ok "every workstation closed its connection" || bad "$conns connections left open"
expect_code 4 "a second run on the same database is refused" "$rs" loadtest --db "$url" --workstations 2 --seconds 1
echo "loadtest_pg: $passes passed, $fails failed"
[ "$fails" = 0 ]
