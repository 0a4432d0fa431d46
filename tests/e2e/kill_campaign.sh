#!/usr/bin/env bash
# kill -9 campaign: three `decide` loops on one queue while a killer sends SIGKILL to random
# decide processes. Afterwards no attempt is decided twice, every decision has exactly one outbox
# message and one audit row, image-number serials have no gaps, the audit chain's links hold,
# PRAGMA integrity_check is ok (SQLite), and `audit verify` finds the log intact. The queue is a
# SQLite file, or a PostgreSQL database when ctest's e2e_kill_campaign_pg runs it (RS_E2E_ENGINE):
# there a killed client's transaction dies with its connection.
# Usage: kill_campaign.sh /path/to/reviewstation SCRATCH_DIR
set -uo pipefail
rs=$1; dir=$2
rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
source "$(cd "$(dirname "$0")" && pwd)/lib.bash"
db=$(e2e_db q.db) || { echo "FAIL - no database"; exit 1; }
trap e2e_db_drop EXIT
orders=120
"$rs" demo --db "$db" --orders $orders --no-gui --no-history >/dev/null || { echo "FAIL - demo"; exit 1; }

# One demo reviewer per loop (each decide signs in); every third decision a rejection. Exit 5 =
# the queue is empty for me; 6 or 7 (sign-in refused, not a reviewer) would loop for ever: stop.
export RS_PASSWORD=demo
decide_loop() {
  local who=$1 n=0 code
  while :; do
    n=$((n+1))
    if [ $((n % 3)) = 0 ]; then "$rs" decide --db "$db" --user "$who" reject --reason BLURRED,HAIR_EARS >/dev/null 2>>"err-$who.txt"
    else "$rs" decide --db "$db" --user "$who" approve >/dev/null 2>>"err-$who.txt"; fi
    code=$?
    case $code in 5) break ;; 6|7) echo "sign-in of $who refused (exit $code)" >>"err-$who.txt"; break ;; esac
  done
}
for w in r1 r2 r3; do decide_loop $w 2>/dev/null & done
loops=$(jobs -p)

killed=0
end=$((SECONDS + ${RS_KILL_SECONDS:-40}))  # e2e_kill_campaign_pg: 20 (CI time)
while [ $SECONDS -lt $end ] && [ -n "$(jobs -pr)" ]; do
  sleep 0.0$((RANDOM % 9 + 1))
  # Only this campaign's own decide processes (children of its loops): a second test run on the
  # machine, with its own q.db, is not touched.
  victim=$(pgrep -P "$(echo $loops | tr ' ' ',')" -f "reviewstation decide" | shuf -n 1 2>/dev/null)
  if [ -n "$victim" ]; then kill -9 "$victim" 2>/dev/null && killed=$((killed+1)); fi
done
wait $loops
echo "killed $killed decide processes"

python3 - "$orders" "$killed" "$db" <<'PY'
import subprocess, sqlite3, sys
orders, killed, target = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
postgresql = target.startswith("postgresql://")
class Psql:  # the few calls below, through psql: rows of text, numbers as int
    def execute(self, sql, args=()):
        for a in args: sql = sql.replace("?", "'" + str(a).replace("'", "''") + "'", 1)
        out = subprocess.run(["psql", target, "-X", "-A", "-t", "-F", "\t", "-c", sql], check=True,
                             capture_output=True, text=True).stdout
        rows = [tuple(int(v) if v.lstrip("-").isdigit() else v for v in l.split("\t")) for l in out.splitlines() if l]
        return Rows(rows)
class Rows(list):
    def fetchone(self): return self[0]
    def fetchall(self): return list(self)
db = Psql() if postgresql else sqlite3.connect(target)
fails = 0
def check(ok, what):
    global fails
    print(("ok   - " if ok else "FAIL - ") + what)
    fails += 0 if ok else 1
one = lambda sql: db.execute(sql).fetchone()[0]
decisions = one("SELECT COUNT(*) FROM decisions")
check(killed > 0, f"the killer hit {killed} processes")
check(decisions > orders // 2, f"{decisions} decisions recorded of {orders} orders")
check(one("SELECT COUNT(*) FROM (SELECT attempt_id FROM decisions GROUP BY attempt_id HAVING COUNT(*) > 1) AS twice") == 0,
      "no attempt decided twice")
check(one("SELECT COUNT(*) FROM attempts a WHERE status != 'pending' AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.attempt_id = a.id)") == 0,
      "every closed attempt has its decision")
check(one("SELECT COUNT(*) FROM attempts a JOIN decisions d ON d.attempt_id = a.id WHERE a.status = 'pending'") == 0,
      "no decided attempt is still pending")
per = db.execute("SELECT d.id, (SELECT COUNT(*) FROM outbox o WHERE o.attempt_id = d.attempt_id) FROM decisions d").fetchall()
check(all(n == 1 for _, n in per), "one outbox message per decision")
check(one("SELECT COUNT(*) FROM audit_log WHERE action = 'decide'") == decisions, "one audit row per decision")
rej = one("SELECT COUNT(*) FROM decisions WHERE decision = 'rejected'")
check(one("SELECT COUNT(*) FROM notices WHERE kind = 'rejection'") == rej, "one notice per rejection")
gaps = 0
for letter, day in db.execute("SELECT DISTINCT city_letter, issue_date FROM image_numbers"):
    serials = sorted(int(n[10:15]) for (n,) in db.execute(
        "SELECT number FROM image_numbers WHERE city_letter = ? AND issue_date = ?", (letter, day)))
    gaps += serials != list(range(1, len(serials) + 1))
check(gaps == 0, "image-number serials are gap-free per city and day")
check(one("SELECT COUNT(*) FROM image_numbers") == one("SELECT COUNT(*) FROM decisions WHERE decision = 'approved'"),
      "one image number per approval")
prev, broken = None, 0
for row in db.execute("SELECT id, prev_hash, hash FROM audit_log ORDER BY id"):
    if prev is not None and row[1] != prev: broken += 1
    prev = row[2]
check(broken == 0, "the audit chain's links hold")
if not postgresql:
    check(one("PRAGMA integrity_check") == "ok", "PRAGMA integrity_check ok")
sys.exit(1 if fails else 0)
PY
checks=$?
# The whole log, chain and tables, as `audit verify` checks it after the kills.
if RS_PASSWORD=demo "$rs" audit verify --db "$db" --user sup; then echo "ok   - audit verify: intact"; else echo "FAIL - audit verify"; checks=1; fi
exit $checks
