#!/usr/bin/env bash
# Accounts from the command line: demo makes its accounts, an admin adds, disables and enables
# one, a reviewer may not, a wrong password is refused (exit 6) and five lock the account, a new
# database gets its first admin once. Usage: users_cli.sh /path/to/reviewstation SCRATCH_DIR
set -uo pipefail
rs=$1; dir=$2
source "$(cd "$(dirname "$0")" && pwd)/lib.bash"
rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
unset RS_PASSWORD RS_NEW_PASSWORD
# SQLite's q.db and new.db, or two PostgreSQL databases when ctest's e2e_users_cli_pg runs this.
trap e2e_db_drop EXIT
db=$(e2e_db q.db) || { echo "FAIL - no database"; exit 1; }
new=$(e2e_db new.db new) || { echo "FAIL - no second database"; exit 1; }
export RS_DB="$db"

expect_code 0 "demo makes the demo accounts" "$rs" demo --db "$db" --orders 2 --no-gui --no-history
grep -q "accounts (password \"demo\"): admin (admin) r1 (reviewer)" out.txt && ok "demo prints its accounts" || bad "demo output: $(cat out.txt)"
export RS_PASSWORD=demo
expect_code 0 "admin lists the accounts" "$rs" users list --db "$db" --user admin
for u in admin r1 r2 r3 sup tr; do grep -qE "^$u +" out.txt || bad "$u missing from the list"; done
grep -qE "^sup .*supervisor +active" out.txt && ok "sup is an active supervisor" || bad "list: $(cat out.txt)"
expect_code 7 "a reviewer may not list accounts" "$rs" users list --db "$db" --user r1
grep -q "needs the admin role" err.txt && ok "the refusal names the role" || bad "stderr: $(cat err.txt)"
RS_NEW_PASSWORD=pw1234 expect_code 0 "admin adds r4 as reviewer and trainer" "$rs" users add r4 --role reviewer,trainer --db "$db" --user admin
RS_NEW_PASSWORD=pw1234 expect_code 4 "r4 cannot be added twice" "$rs" users add r4 --role reviewer --db "$db" --user admin
expect_code 2 "an unknown role is a usage error" "$rs" users add r5 --role boss --db "$db" --user admin
RS_PASSWORD=pw1234 expect_code 0 "r4 signs in (passwd of one's own account)" env RS_NEW_PASSWORD=pw5678 "$rs" users passwd r4 --db "$db" --user r4
expect_code 0 "admin disables r4" "$rs" users disable r4 --db "$db" --user admin
RS_PASSWORD=pw5678 expect_code 6 "a disabled account cannot sign in" "$rs" users list --db "$db" --user r4
expect_code 0 "admin enables r4" "$rs" users enable r4 --db "$db" --user admin
printf 'wrong\n' > wrong.txt
for i in 1 2 3 4; do "$rs" users list --db "$db" --user r2 --password-file wrong.txt >/dev/null 2>&1; done
expect_code 6 "the fifth wrong password locks r2" "$rs" users list --db "$db" --user r2 --password-file wrong.txt
grep -q "locked for 15 minutes" err.txt && ok "the lock is said" || bad "stderr: $(cat err.txt)"
RS_PASSWORD=demo expect_code 6 "locked r2 is refused with the right password" "$rs" users passwd r2 --db "$db" --user r2
expect_code 0 "admin lists r2 as locked" "$rs" users list --db "$db" --user admin
grep -qE "^r2 .* locked" out.txt && ok "r2 shows as locked" || bad "list: $(cat out.txt)"
python3 - <<'PY' && ok "the audit log holds the sign-ins, the failures, the lock and the changes" || bad "audit rows"
import os, rsdb
db = rsdb.connect(os.environ["RS_DB"])
count = lambda a, s: db.execute("SELECT COUNT(*) FROM audit_log WHERE action = ? AND subject = ?", (a, s)).fetchone()[0]
assert count("user_add", "r4") == 1 and count("user_disable", "r4") == 1 and count("user_enable", "r4") == 1
assert count("sign_in_failed", "r2") == 6 and count("account_locked", "r2") == 1
assert count("sign_in", "admin") >= 5
assert db.execute("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%pw5678%' OR detail LIKE '%argon2%'").fetchone()[0] == 0
PY
unset RS_PASSWORD
printf 'boss-pw\n' > boss.txt
expect_code 0 "users init makes the first admin of a new database" "$rs" users init --db "$new" --admin boss --new-password-file boss.txt
expect_code 4 "a second init is refused" "$rs" users init --db "$new" --admin boss2 --new-password-file boss.txt
expect_code 0 "the new admin signs in from a password file" "$rs" users list --db "$new" --user boss --password-file boss.txt
expect_code 2 "without a password and no terminal: a usage error" "$rs" users list --db "$new" --user boss </dev/null

echo "users_cli: $passes passed, $fails failed"
[ "$fails" = 0 ]
