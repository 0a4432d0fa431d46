#!/usr/bin/env bash
# `check --json` on hostile bytes: every file of the fuzz seed corpus and 300 byte-flipped copies of
# a real JPEG give one JSON result line each, and the process exits normally (no signal).
# Usage: check_corpus.sh /path/to/reviewstation SCRATCH_DIR
set -uo pipefail
rs=$1; dir=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$dir"; mkdir -p "$dir/flipped"; cd "$dir"
corpus="$here/../fuzz/corpus"
[ -d "$corpus" ] || { echo "FAIL - no seed corpus at $corpus"; exit 1; }

# A real portrait, small: the fixture when present, else skimage's astronaut (a .ci/setup package).
src=$(ls "$here"/../../../shared/fixtures/photos/*.jpg 2>/dev/null | head -1)
[ -n "$src" ] || src=/usr/lib/python3/dist-packages/skimage/data/astronaut.png
convert "$src" -resize 358x441! -quality 85 real.jpg || { echo "FAIL - convert"; exit 1; }
python3 - <<'PY'
import random
data = open("real.jpg", "rb").read()
rng = random.Random(13)
for i in range(300):
    b = bytearray(data)
    for _ in range(rng.choice([1, 2, 4, 16, 64])):
        b[rng.randrange(len(b))] = rng.randrange(256)
    if i % 10 == 0:
        b = b[: rng.randrange(2, len(b))]  # some truncated too
    open(f"flipped/f{i:03d}.jpg", "wb").write(b)
PY

fails=0
run() {  # name, then the files
  local name=$1; shift
  local n=$#
  timeout 600 "$rs" check --json --threads 2 "$@" >"$name.jsonl" 2>"$name.err"
  local code=$?
  if [ $code -gt 1 ]; then echo "FAIL - $name: exit $code (a signal or a timeout)"; fails=$((fails+1)); return; fi
  local lines; lines=$(wc -l <"$name.jsonl")
  if [ "$lines" != "$n" ]; then echo "FAIL - $name: $lines result lines for $n files"; fails=$((fails+1)); return; fi
  python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1])]" "$name.jsonl" \
    && echo "ok   - $name: $n files, $n JSON lines, exit $code" || { echo "FAIL - $name: a line is not JSON"; fails=$((fails+1)); }
}
run corpus "$corpus"/*
run flipped flipped/*.jpg
exit $fails
