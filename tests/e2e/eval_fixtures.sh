#!/usr/bin/env bash
# The rule engine on the hand-labelled raw uploads in ../shared/fixtures/photos (when present;
# otherwise the test reports itself skipped, exit 77, and is not counted as passed).
# Usage: eval_fixtures.sh /path/to/reviewstation SCRATCH_DIR
set -euo pipefail
rs=$1; dir=$2
here=$(cd "$(dirname "$0")" && pwd)
fixtures=$(cd "$here/../../.." && pwd)/shared/fixtures/photos
if [ ! -f "$fixtures/labels.json" ]; then
  echo "eval_fixtures: $fixtures not found: skipped"
  exit 77
fi
rm -rf "$dir"; mkdir -p "$dir"
"$rs" eval --set "$fixtures" | grep -v '^wrong' || true
"$rs" eval --set "$fixtures" --json > "$dir/eval.jsonl"
# accessory: all 3 labelled photos (2026-11-22: ppp_003 pearl earrings; ppp_011 necklace 0.51
# against 0.2 (her dark drop earrings are not seen: the earring rule looks for bright blobs);
# hv_test2 hair band 0.40 against 0.2, the narrowest margin).
# head_top_cut is not floored here: its one positive, ppp_003 ("framed too tight"), has its head and
# hair inside the photo; the GA 461 crop running past it is geometry.in_frame's finding, while the
# key is answered by geometry.head_cut (the top edge cutting into hair or skull, as labelled on the
# wild set). eval_floors.sh holds the key's specificity here and names the disputed label.
python3 "$here/eval_check.py" "$dir/eval.jsonl" \
  yaw_over_8:0.95:0.95 hair_over_ears:0.8:0.8 hair_over_shoulders:0.8:0.8 hair_over_eyebrows:0.9:0.6 \
  mouth_open_or_teeth:0.9:0.9 accessory:0.95:0.95 background_nonuniform:0.6:0.95
# Pitch is not labelled on these photos, but every one of them is a face looking at the camera
# (the yaw series turns left, not up or down): pose.pitch may warn on a few, it must fail on none.
# (2026-11-22: 5 of 18 warn, between 8.8 and 14.8 degrees; before the rigid-point fit 3 failed.)
"$rs" check --json "$fixtures" > "$dir/check.jsonl" || true
python3 - "$dir/check.jsonl" <<'PY'
import json, sys
bad = []
for line in open(sys.argv[1]):
    j = json.loads(line)
    for f in j.get("findings", []):
        if f["rule_id"] == "pose.pitch" and f["verdict"] == "fail":
            bad.append(f"{j['photo']} {f['value']:.1f}")
print("pose.pitch fails on frontal fixtures:", bad or "none")
sys.exit(1 if bad else 0)
PY
