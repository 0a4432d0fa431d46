#!/usr/bin/env bash
# Issue 17's floors on the rule engine: balanced accuracy >= 0.9 on every key of the wild set
# (../shared/fixtures/wild) with at least 3 positive and 3 negative labels, and on the old
# fixtures and the generated set no key below min(0.9, its figure before issue 17)
# (eval_baseline.json). Every key's figures are printed; eval_floors.py says how they are judged.
# Skipped (exit 77, not counted as passed) when ../shared/fixtures/wild is absent. EVAL_WILD=FOLDER
# holds another folder of labelled real photos (a labels.json beside them) to the wild set's bar.
# Usage: eval_floors.sh /path/to/reviewstation SCRATCH_DIR
set -euo pipefail
rs=$1; dir=$2
# Runs from tests/e2e/ or from a folder below it.
e2e=$(cd "$(dirname "$0")" && pwd)
while [ ! -f "$e2e/lib.bash" ] && [ "$e2e" != / ]; do e2e=$(dirname "$e2e"); done
shared=$(cd "$e2e/../../.." && pwd)/shared/fixtures
wild=${EVAL_WILD:-$shared/wild}
if [ ! -f "$wild/labels.json" ]; then
  echo "eval_floors: $wild/labels.json not found: skipped"
  exit 77
fi
rm -rf "$dir"; mkdir -p "$dir"
"$rs" eval --set "$wild" --json > "$dir/wild.jsonl"
sets=()
if [ -f "$shared/photos/labels.json" ]; then
  "$rs" eval --set "$shared/photos" --json > "$dir/fixtures.jsonl"
  sets+=(--set "fixtures=$dir/fixtures.jsonl")
else
  echo "eval_floors: $shared/photos not found: the old fixtures are not judged"
fi
"$rs" makeset --out "$dir/set" > /dev/null
"$rs" eval --set "$dir/set" --json > "$dir/generated.jsonl"
sets+=(--set "generated=$dir/generated.jsonl")
python3 "$e2e/eval_floors.py" --wild "$dir/wild.jsonl" "$wild/labels.json" \
  --baseline "$e2e/eval_baseline.json" "${sets[@]}"
