#!/usr/bin/env bash
# `reviewstation overturn` end to end: r1 approves one order and rejects another, sup overturns
# both; the revoked number verifies as revoked, the new one as valid with a receipt, the rejection's
# token is refused, the overturn's token resubmits, export carries both overturns and audit verify
# holds. Then the refusals: a reviewer (7), one's own decision (7), an overturned decision, no
# justification, an unknown order (4), each writing nothing.
# Usage: overturn_cli.sh /path/to/reviewstation SCRATCH_DIR
set -uo pipefail
rs=$1; dir=$2
source "$(cd "$(dirname "$0")" && pwd)/lib.bash"
rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
export RS_PASSWORD=demo RS_NEW_PASSWORD=demo
# SQLite's q.db, or a PostgreSQL database when ctest's e2e_overturn_cli_pg runs this script.
db=$(e2e_db q.db) || { echo "FAIL - no database"; exit 1; }
export RS_DB="$db"
trap e2e_db_drop EXIT

expect_code 0 "demo fills the queue" "$rs" demo --db "$db" --orders 6 --no-gui --no-history
expect_code 0 "r1 approves" "$rs" decide --db "$db" --user r1 approve
approved=$(grep -o 'DEMO[0-9]*' out.txt | head -1); number=$(grep -o 'GD[0-9A-Z]\{14\}' out.txt | head -1)
expect_code 0 "r1 rejects" "$rs" decide --db "$db" --user r1 reject --reason BLURRED
rejected=$(grep -o 'DEMO[0-9]*' out.txt | head -1); old_token=$(grep -o '[0-9a-f]\{32\}' out.txt | head -1)
read -r city doc < <("$rs" export --db "$db" | python3 -c "import json,sys; d=json.loads(sys.stdin.readline()); print(d['city'], d['doc_type'])")

# Counts of every table an overturn writes, to show that a refusal wrote nothing.
counts() {
  python3 - <<'PY'
import os, rsdb
db = rsdb.connect(os.environ["RS_DB"])
print(" ".join(str(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
               for t in ["overturns", "notices", "outbox", "image_numbers", "attempts"]),
      db.execute("SELECT COUNT(*) FROM image_numbers WHERE revoked_at IS NOT NULL").fetchone()[0],
      db.execute("SELECT COUNT(*) FROM audit_log WHERE action NOT LIKE 'sign_in%'").fetchone()[0])
PY
}
refused() {  # refused WANT DESCRIPTION args...: the exit code, and nothing written
  local want=$1 what=$2 before
  shift 2
  before=$(counts)
  expect_code "$want" "$what" "$rs" overturn --db "$db" "$@"
  [ "$(counts)" = "$before" ] && ok "$what: nothing written" || bad "$what wrote something"
  grep -q "nothing was written" err.txt && ok "$what: says so ($(head -c 100 err.txt))" || bad "$what: $(cat err.txt)"
}

refused 7 "a reviewer cannot overturn" "$approved" --user r1 --reason "不合格" --reasons BLURRED
refused 4 "no justification" "$approved" --user sup --reason " " --reasons BLURRED
refused 4 "approval -> rejection needs reasons" "$approved" --user sup --reason "不合格"
refused 4 "an unknown order" NOPE --user sup --reason "不合格" --reasons BLURRED
pending=$("$rs" queue --db "$db" --json | python3 -c "import json,sys; print(json.loads(sys.stdin.readline())['order_no'])")
refused 4 "a pending order" "$pending" --user sup --reason "不合格" --reasons BLURRED

# approval -> rejection
expect_code 0 "sup overturns the approval" "$rs" overturn "$approved" --db "$db" --user sup --reason "照片与本人不符" --reasons HAIR_EARS,OTHER --text "请露出双耳"
new_token=$(grep -o '[0-9a-f]\{32\}' out.txt | head -1)
grep -q "approved -> rejected" out.txt && [ ${#new_token} = 32 ] && ok "prints the resubmission token" || bad "output: $(cat out.txt)"
expect_code 13 "the revoked number verifies as revoked" "$rs" verify --db "$db" "$number" --city "$city" --doc "$doc"
refused 4 "an overturned decision is final" "$approved" --user sup --reason "再改" --reasons BLURRED

# rejection -> approval
expect_code 0 "sup overturns the rejection" "$rs" overturn "$rejected" --db "$db" --user sup --reason "复核认为照片合格"
new_number=$(grep -o 'GD[0-9A-Z]\{14\}' out.txt | head -1)
[ ${#new_number} = 16 ] && ok "prints the new image number $new_number" || bad "output: $(cat out.txt)"
city2=$("$rs" export --db "$db" | python3 -c "import json,sys; print([json.loads(l) for l in sys.stdin][1]['city'])")
expect_code 0 "the new number verifies as valid" "$rs" verify --db "$db" "$new_number" --city "$city2" --doc "$doc"
expect_code 0 "its receipt prints" "$rs" receipt --db "$db" "$new_number" --out receipt.png
[ -s receipt.png ] && ok "receipt.png written" || bad "receipt.png missing"
convert -size 358x441 xc:white -fill tan -draw "circle 179,200 179,300" photo.jpg
expect_code 4 "the rejection's token is refused" "$rs" resubmit --db "$db" --token "$old_token" photo.jpg
grep -q "overturned" err.txt && ok "refused as overturned: $(cat err.txt)" || bad "resubmit said: $(cat err.txt)"
expect_code 0 "the overturn's token resubmits" "$rs" resubmit --db "$db" --token "$new_token" photo.jpg

# export and the log
"$rs" export --db "$db" >export.jsonl
python3 - "$approved" "$rejected" "$new_number" <<'PY' && ok "export carries both overturns" || bad "export"
import json, sys
approved, rejected, number = sys.argv[1:]
rows = {r["order_no"]: r for r in map(json.loads, open("export.jsonl")) if r["attempt"] == 1}
a, r = rows[approved]["overturned"], rows[rejected]["overturned"]
assert a["by"] == "sup" and a["to"] == "rejected" and a["reasons"] == ["HAIR_EARS", "OTHER"], a
assert a["notice"]["resubmit_token"] == "redacted" and "revoked_image_number" in a, a
assert r["to"] == "approved" and r["image_number"] == number and r["justification"] == "复核认为照片合格", r
PY
expect_code 0 "audit verify after the overturns" "$rs" audit verify --db "$db" --user sup
grep -q "intact" out.txt && ok "$(head -c 120 out.txt)" || bad "audit verify: $(cat out.txt)"

# Nobody overturns their own decision: an account holding both roles decides, then tries.
expect_code 0 "admin adds boss (reviewer and supervisor)" "$rs" users add boss --role reviewer,supervisor --db "$db" --user admin
expect_code 0 "boss approves" "$rs" decide --db "$db" --user boss approve
own=$(grep -o 'DEMO[0-9]*' out.txt | head -1)
refused 7 "boss cannot overturn their own decision" "$own" --user boss --reason "改" --reasons BLURRED
grep -q "own decision" err.txt && ok "names the rule" || bad "own decision: $(cat err.txt)"
expect_code 0 "sup may overturn it" "$rs" overturn "$own" --db "$db" --user sup --reason "不合格" --reasons BLURRED
expect_code 0 "audit verify at the end" "$rs" audit verify --db "$db" --user sup

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
