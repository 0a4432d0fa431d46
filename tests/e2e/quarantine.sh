#!/usr/bin/env bash
# Quarantine end to end, the real workstation under Xvfb:
#  1. With RS_FAULT_ABORT_ANALYSIS=<first order> (the test hook: analysing that order's photo calls
#     abort()), two workstation runs die on that photo (SIGABRT). The third run finds the order
#     quarantined, shows the next order and its findings, and stays up; `queue --quarantined --json`
#     lists the order with its cause and `queue --json` no longer does. `release` puts it back (and
#     refuses, exit 4, an order that is not quarantined or unknown); a fourth run shows it again.
#  2. A queue holding a JPEG whose Exif IFD0 offset is 0xFFFFFFFE: two workstations started on it
#     both stay up, one of them shows that photo with findings, and nothing is quarantined.
# usage: quarantine.sh /path/to/reviewstation SCRATCH_DIR
set -euo pipefail
bin=$(realpath "${1:?usage: quarantine.sh BINARY SCRATCH_DIR}")
out=${2:?scratch dir}
mkdir -p "$out"
out=$(realpath "$out")
rm -f "$out"/*.db* "$out"/*.log "$out"/*.png "$out"/*.json "$out"/crafted.jpg

source "$(dirname "$0")/lib.bash"
start_xvfb
unset RS_FAULT_ABORT_ANALYSIS

# ---- 1. the fault hook: two deaths, then quarantine ----
db="$out/poison.db"
"$bin" demo --db "$db" --orders 4 --no-gui --no-history >"$out/demo.log" 2>&1 || fail "demo could not fill the queue"
first=$("$bin" queue --db "$db" --json | json_field order_no)
[ -n "$first" ] || fail "no first order"

for n in 1 2; do
  gui_start "dies$n.log" "r$n" "$db" RS_FAULT_ABORT_ANALYSIS="$first"
  wait_exit "$gui_pid" 120
  [ "$rc" = 134 ] || fail "run $n should have died by SIGABRT (exit 134) on $first's photo, exit $rc"
  echo "quarantine: run $n died on $first (exit $rc)"
done
# The quarantine happens when the next run starts the analysis again, not before.
[ -z "$("$bin" queue --db "$db" --quarantined --json)" ] || fail "quarantined before a third start"

gui_start "third.log" "r3" "$db" RS_FAULT_ABORT_ANALYSIS="$first"
third_pid=$gui_pid
wait_log third.log "$third_pid" "^gui: showing " 90
shown=$(grep -m1 -oE "^gui: showing [^ ]+" "$out/third.log" | awk '{print $3}')
[ "$shown" != "$first" ] || fail "the third run showed the poison order $first"
wait_log third.log "$third_pid" "^gui: findings for $shown:" 90
grep -q "order $first attempt 1 quarantined" "$out/third.log" || fail "the third run did not report the quarantine of $first"
"$bin" queue --db "$db" --quarantined --json >"$out/quarantined.json"
python3 - "$out/quarantined.json" "$first" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
assert [r["order_no"] for r in rows] == [sys.argv[2]], rows
r = rows[0]
assert r["attempt"] == 1 and r["unfinished"] == 2 and r["starts"] >= 2, r
assert "did not finish 2 times" in r["cause"], r
assert "r2@" in r["cause"], r   # the run that died last (r2's)
assert r["quarantined_at"].startswith("20"), r
EOF
"$bin" queue --db "$db" --json | grep -q "\"$first\"" && fail "$first is still in the pending queue"
"$bin" queue --db "$db" --quarantined | grep -q "1 quarantined" || fail "queue --quarantined does not count it"
sleep 3
kill -0 "$third_pid" 2>/dev/null || fail "the third run did not stay up"
screenshot "$out/third.png"
close_gui "$third_pid"
echo "quarantine: the third run quarantined $first and showed $shown"

# ---- release ----
set +e
RS_PASSWORD=demo "$bin" release --db "$db" "$shown" --user sup >"$out/release_wrong.log" 2>&1
rc_wrong=$?
RS_PASSWORD=demo "$bin" release --db "$db" NO_SUCH_ORDER --user sup >"$out/release_unknown.log" 2>&1
rc_unknown=$?
RS_PASSWORD=demo "$bin" release --db "$db" "$first" --user sup >"$out/release.log" 2>&1
rc_release=$?
set -e
[ "$rc_wrong" = 4 ] && grep -q "$shown is not quarantined" "$out/release_wrong.log" || fail "release of a pending order: exit $rc_wrong"
[ "$rc_unknown" = 4 ] && grep -q "NO_SUCH_ORDER is unknown" "$out/release_unknown.log" || fail "release of an unknown order: exit $rc_unknown"
[ "$rc_release" = 0 ] || fail "release of $first: exit $rc_release"
[ -z "$("$bin" queue --db "$db" --quarantined --json)" ] || fail "still quarantined after the release"
[ "$("$bin" queue --db "$db" --json | json_field order_no)" = "$first" ] || fail "$first is not back at the head of the queue"
python3 - "$db" "$first" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT action, actor FROM audit_log WHERE subject = ? AND action IN ('quarantine', 'release_quarantine') ORDER BY id",
                  (sys.argv[2],)).fetchall()
assert [a for a, _ in rows] == ["quarantine", "release_quarantine"], rows
assert rows[0][1].startswith("r3@") and rows[1][1] == "sup", rows
EOF

# Without the hook the released order is shown and analysed again.
gui_start "after_release.log" "r1" "$db"
after_pid=$gui_pid
wait_log after_release.log "$after_pid" "^gui: showing $first " 90
wait_log after_release.log "$after_pid" "^gui: findings for $first:" 90
close_gui "$after_pid"
echo "quarantine: released $first; the next run showed it with findings"

# ---- 2. a queue holding a JPEG with Exif IFD0 at offset 0xFFFFFFFE ----
db2="$out/crafted.db"
"$bin" demo --db "$db2" --orders 3 --no-gui --no-history >"$out/demo2.log" 2>&1 || fail "demo could not fill the second queue"
crafted=$("$bin" queue --db "$db2" --json | json_field order_no)
# Put the crafted bytes straight into the stored photo, as if an older build had let it in (intake
# now reads every upload first, and the queue must survive what is already in it).
python3 - "$db2" "$crafted" "$out/crafted.jpg" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
photo_id, data = db.execute("SELECT p.id, p.bytes FROM photos p JOIN attempts a ON a.photo_id = p.id "
                            "JOIN orders o ON o.id = a.order_id WHERE o.order_no = ?", (sys.argv[2],)).fetchone()
assert data[:2] == b"\xff\xd8", "not a JPEG"
exif = b"Exif\x00\x00" + b"II*\x00" + bytes([0xFE, 0xFF, 0xFF, 0xFF])   # IFD0 offset 0xFFFFFFFE
app1 = b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif
crafted = data[:2] + app1 + data[2:]
open(sys.argv[3], "wb").write(crafted)
db.execute("UPDATE photos SET bytes = ?, byte_count = ? WHERE id = ?", (crafted, len(crafted), photo_id))
db.commit()
EOF
gui_start "crafted_a.log" "r1" "$db2"
a_pid=$gui_pid
gui_start "crafted_b.log" "r2" "$db2"
b_pid=$gui_pid
wait_log crafted_a.log "$a_pid" "^gui: findings for " 120
wait_log crafted_b.log "$b_pid" "^gui: findings for " 120
grep -qE "^gui: findings for $crafted:" "$out/crafted_a.log" "$out/crafted_b.log" || fail "nobody analysed the crafted photo of $crafted"
sleep 3
kill -0 "$a_pid" 2>/dev/null || fail "workstation A died on the queue holding the crafted JPEG"
kill -0 "$b_pid" 2>/dev/null || fail "workstation B died on the queue holding the crafted JPEG"
close_gui "$a_pid"
close_gui "$b_pid"
[ -z "$("$bin" queue --db "$db2" --quarantined --json)" ] || fail "something was quarantined on the crafted queue"
echo "quarantine: ok: two workstations stayed up on the queue holding the crafted JPEG ($crafted)"
echo "quarantine: screenshot $out/third.png"
