#!/usr/bin/env bash
# The least-privilege roles of README's "A centre's queue server" (db/postgresql/roles.sql): the
# owner applies the schema, the workstations' role `reviewstation` works the queue, and cannot
# UPDATE, DELETE or TRUNCATE the audit log, nor drop its append-only trigger.
set -uo pipefail
rs="$1"
work="$2"
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.bash"
out="$work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
super_url=$(e2e_pg_db) || fail "no database on the pg fixture's server"
trap e2e_db_drop EXIT
hostpart="${super_url#postgresql://*@}"  # host:port/database
owner_url="postgresql://rs_owner@$hostpart"
app_url="postgresql://reviewstation@$hostpart"
roles() { psql "$super_url" -X -q -v ON_ERROR_STOP=1 -f "$here/../../db/postgresql/roles.sql" >roles.log 2>&1; }

roles && ok "roles.sql makes the roles on an empty database" || fail "roles.sql: $(cat roles.log)"
expect_code 0 "the owner applies the schema" "$rs" queue --db "$owner_url"
roles && ok "roles.sql again grants the new tables" || fail "roles.sql: $(cat roles.log)"
export RS_PASSWORD=demo
expect_code 0 "the owner sets up accounts and orders (demo)" "$rs" demo --db "$owner_url" --orders 6 --no-gui
roles >/dev/null
expect_code 0 "the workstations' role lists the queue" "$rs" queue --db "$app_url"
expect_code 0 "the workstations' role decides" "$rs" decide --db "$app_url" --user r1 approve
grep -q "image number" out.txt && ok "an image number issued as reviewstation: $(cut -c1-60 out.txt)" || bad "decide: $(cat out.txt)"
expect_code 0 "the workstations' role rejects" "$rs" decide --db "$app_url" --user r2 reject --reason BLURRED
expect_code 0 "audit verify as the workstations' role" "$rs" audit verify --db "$app_url" --user sup
grep -q "audit log intact" out.txt && ok "intact" || bad "audit verify: $(cat out.txt)"
for sql in "UPDATE audit_log SET actor = 'x' WHERE id = 1" "DELETE FROM audit_log WHERE id = 1" "TRUNCATE audit_log" \
  "DROP TRIGGER audit_log_no_update ON audit_log" "ALTER TABLE audit_log DISABLE TRIGGER ALL" \
  "DELETE FROM audit_inbox" "UPDATE audit_inbox SET actor = 'x'" "TRUNCATE audit_inbox"; do
  if psql "$app_url" -X -q -v ON_ERROR_STOP=1 -c "$sql" >psql.txt 2>&1; then
    bad "the workstations' role could run: $sql"
  else
    grep -qE "permission denied|must be owner" psql.txt && ok "refused by the grants: $sql" || bad "$sql: $(cat psql.txt)"
  fi
done
expect_code 0 "audit verify after the refusals" "$rs" audit verify --db "$app_url" --user sup
# A row the workstations' role leaves in the audit inbox (db/migrations_pg/005) cannot be taken out
# by it, and the next reader's seal (rs_audit_seal, run as the owner) chains it.
psql "$app_url" -X -q -v ON_ERROR_STOP=1 -c "INSERT INTO audit_inbox(at, actor, action, subject, detail)
  VALUES ('2026-12-06T10:00:00.000+08:00', 'r1', 'note', 'inbox test', '{}')" >psql.txt 2>&1 &&
  ok "the workstations' role puts a row in the audit inbox" || bad "insert into audit_inbox: $(cat psql.txt)"
expect_code 0 "audit verify seals the inbox" "$rs" audit verify --db "$app_url" --user sup
left=$(psql "$app_url" -X -A -t -c "SELECT count(*) FROM audit_inbox")
chained=$(psql "$app_url" -X -A -t -c "SELECT count(*) FROM audit_log WHERE subject = 'inbox test' AND actor = 'r1'")
[ "$left" = 0 ] && [ "$chained" = 1 ] && ok "the inbox's row is chained as the owner: $(cut -c1-50 out.txt)" ||
  bad "after the seal: $left rows left in the inbox, $chained chained"
echo "pg_roles: $passes passed, $fails failed"
[ "$fails" = 0 ]
