#!/usr/bin/env bash
# The rule engine on the generated labelled set (Debian-packaged faces with known defects).
# Usage: eval_set.sh /path/to/reviewstation SCRATCH_DIR
set -euo pipefail
rs=$1; dir=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$dir"; mkdir -p "$dir"
"$rs" makeset --out "$dir/set"
"$rs" eval --set "$dir/set" | grep -v '^wrong' || true
"$rs" eval --set "$dir/set" --json > "$dir/eval.jsonl"
# Floors sit a little under the figures measured on this set (5 faces x 15 variants, all 75
# assessed since the locator's retries; 2026-11-22): roll 1.00/1.00, too_bright 1.00/1.00,
# mouth_open_or_teeth 1.00/1.00, blurred recall 0.80 precision 0.67 (hopper_blur's wrinkles stay
# "sharp"; dark photos read as soft), too_dark 0.80/0.50 (astronaut_dark only warns; collage_b's
# studio side light reads as under-exposed), face_shadow 0.80/1.00, background_wrong_colour
# 0.72/1.00 (gradients only warn), head_size_off 1.00/0.94 (the key now includes centring, which
# the sideways shifts fail; her half-shadowed face reads 14.5 px off centre), accessory 1.00/1.00 (her cap by its straight lower
# edge, accessory.hat_edge; the 2 bare ears on a blue wall that read as earrings pass since the
# wall is whitened before the earring top-hat, tp 15 fp 4 -> fp 2; the crown colour on the 2
# brightened photos, accessory.head_covering, passes since chroma must also exceed 0.6 L*, fp 2 -> 0),
# glasses 0.93/1.00 (lens-rim loops; only her blurred variant is missed), head_top_cut 0.80/1.00
# (his scale_big crop, where the crown is cut, reads as an estimate), background_nonuniform
# 0.88/0.58 (gradients by background.spread; the scale_big crops and one roll fail the flood share,
# the dark collage_b spreads into the person).
# pitch_over_8 (2026-11-22; 6 nod variants on the 3 level faces without an accessory, 36° down and
# 30° up, morphed in 3D; +6 photos, 81 in all, the other keys' figures unchanged): tp 18 fp 0
# tn 60 fn 3, recall 0.86 precision 1.00. pose.pitch's warning counts (it passes within 8°).
# Missed: collage_e_nod_down reads only 5.8° (his level face reads -4°), and collage_b (chin down,
# labelled true) reads 6.7° mirrored and 7.7° rolled, 8.3-12.1° on his other variants.
python3 "$here/eval_check.py" "$dir/eval.jsonl" \
  roll_over_8:0.9:0.9 too_bright:0.9:0.9 mouth_open_or_teeth:0.9:0.9 blurred:0.75:0.6 too_dark:0.7:0.45 \
  face_shadow:0.7:0.8 background_wrong_colour:0.6:0.8 head_size_off:0.9:0.85 accessory:0.9:0.95 glasses:0.85:0.9 \
  head_top_cut:0.7:0.9 background_nonuniform:0.8:0.5 pitch_over_8:0.8:0.95
