#!/usr/bin/env bash
# The command-line contract end to end: demo, queue, ingest, decide, verify, receipt, resubmit,
# outbox, revoke. Usage: cli_flow.sh /path/to/reviewstation SCRATCH_DIR
set -uo pipefail
rs=$1; dir=$2
source "$(cd "$(dirname "$0")" && pwd)/lib.bash"
rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
export RS_PASSWORD=demo  # the demo accounts' password: decide and revoke sign in
# SQLite's q.db, or a PostgreSQL database when ctest's e2e_cli_flow_pg runs this script.
db=$(e2e_db q.db) || { echo "FAIL - no database"; exit 1; }
trap e2e_db_drop EXIT

expect_code 0 "help lists commands" "$rs" --help
grep -q "ingest" out.txt && grep -q "verify" out.txt && ok "help names ingest and verify" || bad "help text"
expect_code 0 "demo fills the queue" "$rs" demo --db "$db" --orders 5 --no-gui --no-history
expect_code 0 "queue --json" "$rs" queue --db "$db" --json
[ "$(wc -l < out.txt)" = 5 ] && ok "5 pending orders" || bad "pending count $(wc -l < out.txt)"
python3 -c "import json,sys; [json.loads(l)['order_no'] for l in open('out.txt')]" && ok "queue lines are JSON" || bad "queue JSON"

# ingest: one good, two bad items; the good one still goes in
python3 - <<'PY'
import json
good = {"order_no": "M1", "applicant_name": "李四", "id_number": "11010519491231002X", "doc_type": "身份证",
        "city": "广州市", "channel": "wechat", "photo": "photo.jpg", "submitted_at": "2026-11-21T09:00:00+08:00"}
province = dict(good, order_no="M2", city="广东省")
missing = dict(good, order_no="M3", photo="missing.jpg")
json.dump([good, province, missing], open("manifest.json", "w"), ensure_ascii=False)
PY
convert /usr/lib/python3/dist-packages/skimage/data/astronaut.png -resize 358x441! -quality 80 photo.jpg
expect_code 3 "ingest refuses bad items (exit 3)" "$rs" ingest --db "$db" manifest.json
grep -q "M2.*province" err.txt && ok "province refused with a clear line" || bad "province line: $(cat err.txt)"
grep -q "M3.*missing.jpg" err.txt && ok "missing photo named" || bad "missing photo line"
expect_code 3 "ingest twice changes nothing" "$rs" ingest --db "$db" manifest.json
grep -q "0 enqueued, 1 already present" out.txt && ok "idempotent ingest" || bad "second ingest: $(cat out.txt)"
echo "[{" > broken.json
expect_code 1 "a broken manifest is refused whole" "$rs" ingest --db "$db" broken.json
grep -q "broken.json" err.txt && ok "broken manifest named" || bad "broken manifest message"

# decisions
expect_code 0 "approve" "$rs" decide --db "$db" --user r1 approve
number=$(grep -o 'GD[0-9A-Z]\{14\}' out.txt | head -1)
[ ${#number} = 16 ] && ok "image number $number" || bad "no image number"
city=$("$rs" export --db "$db" | python3 -c "import json,sys; print([json.loads(l) for l in sys.stdin][0]['city'])")
doc=$("$rs" export --db "$db" | python3 -c "import json,sys; print([json.loads(l) for l in sys.stdin][0]['doc_type'])")
expect_code 0 "verify valid" "$rs" verify --db "$db" "$number" --city "$city" --doc "$doc"
other_city=$([ "$city" = "云浮" ] && echo 潮州 || echo 云浮)
expect_code 11 "verify wrong city" "$rs" verify --db "$db" "$number" --city "$other_city" --doc "$doc"
typo="${number:0:12}$( [ "${number:12:1}" = 9 ] && echo 8 || echo 9 )${number:13}"
expect_code 15 "verify malformed (typo)" "$rs" verify --db "$db" "$typo" --city "$city" --doc "$doc"
# a well-formed number that was never issued: serial 99999 with its own ISO 7064 MOD 37,36 check
unknown=$(python3 -c "
a='0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'; s='${number:0:10}99999'; p=36
for ch in s:
    t=(p+a.index(ch))%36; t=t or 36; p=(2*t)%37
print(s+a[(37-p)%36])")
expect_code 14 "verify unknown" "$rs" verify --db "$db" "$unknown" --city "$city" --doc "$doc"
expect_code 2 "verify refuses a province" "$rs" verify --db "$db" "$number" --city 广东省 --doc "$doc"
expect_code 0 "receipt png" "$rs" receipt --db "$db" "$number" --out receipt.png
[ -s receipt.png ] && ok "receipt.png written" || bad "receipt.png missing"
expect_code 0 "receipt pdf" "$rs" receipt --db "$db" "$number" --out receipt.pdf
head -c 4 receipt.pdf | grep -q "%PDF" && ok "receipt.pdf is a PDF" || bad "receipt.pdf"

expect_code 4 "a rejection needs a reason" "$rs" decide --db "$db" --user r1 reject
expect_code 0 "reject with reasons" "$rs" decide --db "$db" --user r1 reject --reason BLURRED,HAIR_EARS
token=$(grep -o 'token [0-9a-f]\{32\}' out.txt | cut -d' ' -f2)
expect_code 7 "a supervisor cannot decide (the reviewer role is checked in the store)" "$rs" decide --db "$db" --user sup approve
grep -q "needs the reviewer role" err.txt && ok "the refusal names the reviewer role" || bad "decide as sup: $(cat err.txt)"
expect_code 6 "a wrong password decides nothing" env RS_PASSWORD=wrong "$rs" decide --db "$db" --user r2 approve
[ ${#token} = 32 ] && ok "notice token" || bad "no token"
"$rs" export --db "$db" > export.jsonl
python3 - <<'PY' && ok "export carries decisions, reasons and notice" || bad "export content"
import json
rows = [json.loads(l) for l in open("export.jsonl")]
assert len(rows) == 2, rows
a, r = rows
assert a["decision"] == "approved" and len(a["image_number"]) == 16 and a["reviewer"] == "r1"
assert r["decision"] == "rejected" and r["reasons"] == ["BLURRED", "HAIR_EARS"]
assert len(r["notice"]["reasons"]) == 2 and r["notice"]["resubmit_token"]
for k in ["order_no", "attempt", "doc_type", "city", "decided_at", "review_ms"]:
    assert k in a and k in r, k
PY
rejected_order=$(python3 -c "import json; print([json.loads(l) for l in open('export.jsonl')][1]['order_no'])")
expect_code 0 "resubmit with the token" "$rs" resubmit --db "$db" --token "$token" photo.jpg
expect_code 4 "a used token is refused" "$rs" resubmit --db "$db" --token "$token" photo.jpg
expect_code 4 "an unknown token is refused" "$rs" resubmit --db "$db" --token 00000000000000000000000000000000 photo.jpg
"$rs" queue --db "$db" --json | head -1 > first.json
python3 -c "import json; j=json.load(open('first.json')); assert j['order_no']=='$rejected_order' and j['attempt']==2" \
  && ok "resubmission is first in the queue as attempt 2" || bad "resubmission position: $(cat first.json)"

expect_code 0 "outbox drain" "$rs" outbox drain --db "$db" --to outbox
[ "$(ls outbox/*.json | wc -l)" = 2 ] && ok "two outbox messages" || bad "outbox files: $(ls outbox)"
expect_code 0 "outbox drain again writes nothing new" "$rs" outbox drain --db "$db" --to outbox
grep -q "0 message" out.txt && ok "drain idempotent" || bad "second drain: $(cat out.txt)"
expect_code 0 "revoke" "$rs" revoke --db "$db" "$number" --user sup --reason "照片与本人不符"
expect_code 13 "verify revoked" "$rs" verify --db "$db" "$number" --city "$city" --doc "$doc"

# An upload that is not a photo never reaches a reviewer; its applicant is told (a separate queue).
printf 'name,photo\n1,none\n' > text.jpg
python3 - <<'PY'
import json
good = {"order_no": "U1", "applicant_name": "王五", "id_number": "11010519491231002X", "doc_type": "身份证",
        "city": "深圳市", "channel": "wechat", "photo": "photo.jpg", "submitted_at": "2026-11-21T09:00:00+08:00"}
json.dump([good, dict(good, order_no="U2", photo="text.jpg")], open("uploads.json", "w"), ensure_ascii=False)
PY
expect_code 3 "ingest refuses a text file named .jpg" "$rs" ingest --db u.db uploads.json
grep -q "order U2.*cannot be read.*text" err.txt && ok "the refusal names the order and the cause" || bad "text .jpg line: $(cat err.txt)"
"$rs" queue --db u.db --json > uq.json
python3 -c "import json; assert [json.loads(l)['order_no'] for l in open('uq.json')] == ['U1']" \
  && ok "only the photo is in the queue" || bad "queue after text .jpg: $(cat uq.json)"
expect_code 0 "drain the refused upload's message" "$rs" outbox drain --db u.db --to uout
python3 -c "
import glob, json
m = [json.load(open(f)) for f in glob.glob('uout/*.json')]
assert len(m) == 1 and m[0]['order_no'] == 'U2' and m[0]['reasons'][0]['code'] == 'PHOTO_UNREADABLE' and len(m[0]['resubmit_token']) == 32
" && ok "the applicant of U2 gets a failure notice with a token" || bad "outbox of the refused upload"
"$rs" export --db u.db | grep -q '"reviewer":"system"' && ok "export shows the system's rejection" || bad "export of the refused upload"

echo "cli_flow: $passes passed, $fails failed"
[ "$fails" = 0 ]
