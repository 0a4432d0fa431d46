#!/usr/bin/env bash
# kill -9 against overturns: orders decided by r1 and r2 (every third a rejection), then two
# `overturn` loops as sup over them while a killer sends SIGKILL to random overturn processes.
# Afterwards every decision is either fully overturned or untouched: an overturns row <=> the
# number revoked and an overturn notice (approvals) or a new number (rejections) <=> one outbox
# message <=> one audit row <=> the attempt's status; PRAGMA integrity_check is ok and
# `audit verify` finds the log intact.
# Usage: overturn_kill.sh /path/to/reviewstation SCRATCH_DIR
set -uo pipefail
rs=$1; dir=$2
rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
orders=18
export RS_PASSWORD=demo
"$rs" demo --db q.db --orders $orders --no-gui --no-history >/dev/null || { echo "FAIL - demo"; exit 1; }

decide_loop() {
  local who=$1 n=0 code
  while :; do
    n=$((n+1))
    if [ $((n % 3)) = 0 ]; then "$rs" decide --db q.db --user "$who" reject --reason BLURRED >>decided.txt 2>>err.txt
    else "$rs" decide --db q.db --user "$who" approve >>decided.txt 2>>err.txt; fi
    code=$?
    [ $code = 0 ] || break  # 5: the queue is empty
  done
}
decide_loop r1 & decide_loop r2 & wait
echo "decided in ${SECONDS} s"

# Each loop overturns its share of the orders; a killed process (137) is tried again, and the retry
# then finds the overturn done (refused, exit 4) or not begun (done now).
overturn_loop() {
  local part=$1 outcome order reasons code
  while read -r outcome order; do
    reasons=(); [ "$outcome" = approved ] && reasons=(--reasons HAIR_EARS)
    while :; do
      "$rs" overturn "$order" --db q.db --user sup --reason "复核更正" "${reasons[@]}" >/dev/null 2>>err.txt
      code=$?
      [ $code = 137 ] || break
      [ -e stop ] && return
    done
  done < <(grep -o '^[a-z]* DEMO[0-9]*' decided.txt | awk -v p="$part" 'NR % 2 == p')
}
# (stderr away: the shell's "Killed" line for each victim)
overturn_loop 0 2>/dev/null & overturn_loop 1 2>/dev/null &
loops=$(jobs -p)

killed=0
end=$((SECONDS + 30))
while [ $SECONDS -lt $end ] && [ -n "$(jobs -pr)" ]; do
  sleep 0.$((RANDOM % 50 + 20))
  victim=$(pgrep -f "reviewstation overturn DEMO" | shuf -n 1 2>/dev/null)
  if [ -n "$victim" ]; then kill -9 "$victim" 2>/dev/null && killed=$((killed+1)); fi
done
touch stop
wait $loops
echo "killed $killed overturn processes (${SECONDS} s)"

python3 - "$killed" <<'PY'
import sqlite3, sys
killed = int(sys.argv[1])
db = sqlite3.connect("q.db")
fails = 0
def check(ok, what):
    global fails
    print(("ok   - " if ok else "FAIL - ") + what)
    fails += 0 if ok else 1
one = lambda sql, *a: db.execute(sql, a).fetchone()[0]
check(killed > 0, f"the killer hit {killed} processes")
overturns = one("SELECT COUNT(*) FROM overturns")
decisions = one("SELECT COUNT(*) FROM decisions")
check(overturns > decisions // 2, f"{overturns} of {decisions} decisions overturned")
torn = []
for did, aid, outcome, number, order in db.execute(
        "SELECT d.id, d.attempt_id, d.decision, d.image_number, o.order_no FROM decisions d "
        "JOIN attempts a ON a.id = d.attempt_id JOIN orders o ON o.id = a.order_id"):
    v = one("SELECT COUNT(*) FROM overturns WHERE decision_id = ?", did)
    logged = one("SELECT COUNT(*) FROM audit_log WHERE action = 'overturn' AND json_extract(detail, '$.decision_id') = ?", did)
    status = one("SELECT status FROM attempts WHERE id = ?", aid)
    if outcome == "approved":
        facts = [one("SELECT COUNT(*) FROM image_numbers WHERE number = ? AND revoked_at IS NOT NULL", number),
                 one("SELECT COUNT(*) FROM notices WHERE kind = 'overturn' AND decision_id = ?", did),
                 one("SELECT COUNT(*) FROM outbox WHERE attempt_id = ? AND kind = 'overturn_rejection'", aid),
                 logged, int(status == "rejected")]
    else:
        facts = [one("SELECT COUNT(*) FROM image_numbers WHERE decision_id = ?", did),
                 one("SELECT COUNT(*) FROM outbox WHERE attempt_id = ? AND kind = 'overturn_approval'", aid),
                 logged, int(status == "approved")]
    if facts != [v] * len(facts):
        torn.append((order, outcome, v, facts))
check(not torn, "every decision fully overturned or untouched" + (f": {torn[:3]}" if torn else ""))
check(one("SELECT COUNT(*) FROM (SELECT decision_id FROM overturns GROUP BY decision_id HAVING COUNT(*) > 1)") == 0,
      "no decision overturned twice")
gaps = 0
for letter, day in db.execute("SELECT DISTINCT city_letter, issue_date FROM image_numbers"):
    serials = sorted(int(n[10:15]) for (n,) in db.execute(
        "SELECT number FROM image_numbers WHERE city_letter = ? AND issue_date = ?", (letter, day)))
    gaps += serials != list(range(1, len(serials) + 1))
check(gaps == 0, "image-number serials are gap-free per city and day (the overturns' numbers too)")
check(one("PRAGMA integrity_check") == "ok", "PRAGMA integrity_check ok")
sys.exit(1 if fails else 0)
PY
checks=$?
if "$rs" audit verify --db q.db --user sup; then echo "ok   - audit verify: intact"; else echo "FAIL - audit verify"; checks=1; fi
exit $checks
