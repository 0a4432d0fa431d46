#!/usr/bin/env bash
# `check` on inputs that are not photos, or not files: a FIFO, /dev/zero, /dev/null, a name that is
# not UTF-8, a directory named x.jpg, an unreadable file, a text file named .jpg, a missing file.
# Each must get its own result line (valid JSON with --json), the batch must finish within the
# timeout and exit normally (1: some input could not be read), with 1, 2 and 5000 threads.
# `crop` on the FIFO, /dev/zero and a PNG promising 30000x30000 px is refused the same way.
set -u
rs=$1
dir=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$dir"
mkdir -p "$dir/in"
in=$dir/in

# A real photo: a shared fixture if there is one, else one from the generated set.
photo=$(find "$here/../../../shared/fixtures/photos" -maxdepth 1 -name '*.jpg' 2>/dev/null | sort | head -1)
if [ -z "$photo" ]; then
  timeout 300 "$rs" makeset --out "$dir/set" >/dev/null
  photo=$(find "$dir/set" -name '*.jpg' | sort | head -1)
fi
if [ -z "$photo" ]; then
  echo "SKIP: no photo (no fixtures, makeset wrote none)"
  exit 77
fi

bad=$'bad\xff.jpg'
cp "$photo" "$in/good.jpg"
cp "$photo" "$in/$bad"
mkfifo "$in/fifo.jpg"
mkdir "$in/x.jpg"
printf 'this is not a photo\n' > "$in/text.jpg"
cp "$photo" "$in/locked.jpg"
chmod 000 "$in/locked.jpg"
if [ "$(id -u)" = 0 ]; then
  # root reads a mode-000 file anyway: that sub-check cannot fail here, so it is not made.
  echo "NOTE: running as root: the unreadable-file sub-check is skipped (root can read locked.jpg)"
  locked=root
else
  locked=user
fi
inputs=("$in/good.jpg" "$in/$bad" "$in/fifo.jpg" /dev/zero /dev/null "$in/x.jpg" "$in/text.jpg" "$in/locked.jpg" "$in/missing.jpg")

fail=0
# Runs check with the given arguments; the exit code is kept in $dir/status.
run() {
  local out=$1
  shift
  timeout 60 "$rs" check "$@" > "$dir/$out.out" 2> "$dir/$out.err"
  echo $? > "$dir/$out.status"
}

# The JSON lines of one run against the inputs: one line per input in input order, each valid JSON
# naming its file (bad bytes as \xNN), the expected error or analysis for each.
verify_json() {
  python3 - "$dir/$1.out" "$(cat "$dir/$1.status")" "$locked" "$1" "${inputs[@]}" <<'PY'
import json, os, sys
out, status, locked, run, inputs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:]
problems = []

def printable(arg):
    raw = os.fsencode(arg)
    text = raw.decode("utf-8", "surrogateescape")
    return "".join(f"\\x{ord(c) - 0xDC00:02X}" if 0xDC80 <= ord(c) <= 0xDCFF else c for c in text)

if status in (124, 137) or status >= 128:
    problems.append(f"exit status {status}: timed out or killed by a signal")
if status != 1:
    problems.append(f"exit status {status}, expected 1 (some inputs could not be read)")
lines = open(out, "rb").read().decode("utf-8").splitlines()  # the output itself must be UTF-8
if len(lines) != len(inputs):
    problems.append(f"{len(lines)} result lines for {len(inputs)} inputs")
rows = []
for i, line in enumerate(lines):
    try:
        rows.append(json.loads(line))
    except ValueError as e:
        problems.append(f"line {i + 1} is not JSON ({e}): {line[:120]!r}")
expect = {
    "good.jpg": None, "bad\udcff.jpg": None, "fifo.jpg": "is a FIFO, not a regular file",
    "zero": "is a character device, not a regular file", "null": "is a character device, not a regular file",
    "x.jpg": "is a directory, not a regular file", "text.jpg": None,
    "locked.jpg": None if locked == "root" else "cannot be read: permission denied", "missing.jpg": "does not exist",
}
for arg, row in zip(inputs, rows):
    name = printable(arg)
    if row.get("photo") != name:
        problems.append(f"line for {name!r} names {row.get('photo')!r}")
    want = expect[os.path.basename(arg)]
    if want is None:
        if "error" in row:
            problems.append(f"{name}: unexpected error {row['error']!r}")
        if "findings" not in row:
            problems.append(f"{name}: no findings in {str(row)[:120]}")
    else:
        if row.get("error") != f"'{name}' {want}" or row.get("path") != name or row.get("assessable") is not False:
            problems.append(f"{name}: expected error {want!r}, got {str(row)[:160]}")
good, bad = rows[0] if rows else {}, rows[1] if len(rows) > 1 else {}
if good.get("assessable") is not True or bad.get("assessable") != good.get("assessable"):
    problems.append("the photo and its copy with a non-UTF-8 name are not both assessable")
text = rows[6] if len(rows) > 6 else {}
if text.get("assessable") is not False:
    problems.append(f"text.jpg read as an assessable photo: {str(text)[:160]}")
for p in problems:
    print(f"FAIL [{run}] {p}")
print(f"[{run}] {len(lines)} lines, exit {status}: {'ok' if not problems else 'FAILED'}")
sys.exit(1 if problems else 0)
PY
}

run json2 --json --threads 2 "${inputs[@]}"
verify_json json2 || fail=1
run json1 --json --threads 1 "${inputs[@]}"
verify_json json1 || fail=1
run json5000 --json --threads 5000 "${inputs[@]}"
verify_json json5000 || fail=1
if ! grep -q "capped at" "$dir/json5000.err"; then
  echo "FAIL: --threads 5000 gave no note that it was capped"; cat "$dir/json5000.err"; fail=1
fi

# The table: one result line per input (finding lines are indented), bad bytes printed as \xFF.
run table --threads 2 "${inputs[@]}"
results=$(grep -cv '^  ' "$dir/table.out")
if [ "$(cat "$dir/table.status")" != 1 ] || [ "$results" != "${#inputs[@]}" ]; then
  echo "FAIL: table: exit $(cat "$dir/table.status"), $results result lines for ${#inputs[@]} inputs"; cat "$dir/table.out"; fail=1
fi
if ! grep -qF 'bad\xFF.jpg' "$dir/table.out" || ! grep -qF "fifo.jpg' is a FIFO" "$dir/table.out"; then
  echo "FAIL: table: the non-UTF-8 name or the FIFO's line is missing"; cat "$dir/table.out"; fail=1
fi

# A folder: its regular .jpg files, the non-UTF-8 name among them; the FIFO and the directory x.jpg
# are not photos of the folder. good.jpg, bad\xFF.jpg, locked.jpg, text.jpg: 4 lines.
run folder --json --threads 2 "$in"
if [ "$(grep -c . "$dir/folder.out")" != 4 ] || ! grep -qF 'bad\\xFF.jpg' "$dir/folder.out"; then
  echo "FAIL: folder: expected 4 lines with bad\\xFF.jpg among them"; cat "$dir/folder.out" | cut -c1-200; fail=1
fi
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$dir/folder.out" || { echo "FAIL: folder: not JSON lines"; fail=1; }

# --threads 0 and negative are usage errors (exit 2), not a silent single thread.
for n in 0 -3; do
  run threads_bad --threads "$n" "$in/good.jpg"
  if [ "$(cat "$dir/threads_bad.status")" != 2 ]; then
    echo "FAIL: --threads $n exited $(cat "$dir/threads_bad.status"), expected 2 (usage)"; fail=1
  fi
done

# crop reads an upload the same way: a FIFO, /dev/zero and a PNG whose header promises 30000x30000
# px are refused at once with a line naming them (exit 1), a copy with a non-UTF-8 name is cropped.
python3 - "$dir/bomb.png" <<'PY'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))
PY
for bad_input in "$in/fifo.jpg" /dev/zero "$dir/bomb.png"; do
  timeout 60 "$rs" crop "$bad_input" "$dir/crop.jpg" 2> "$dir/crop.err"
  status=$?
  if [ $status != 1 ] || ! grep -qF "crop: '$bad_input'" "$dir/crop.err"; then
    echo "FAIL: crop $bad_input: exit $status, expected 1 with a line naming it"; cat "$dir/crop.err"; fail=1
  fi
done
if ! timeout 120 "$rs" crop "$in/$bad" "$dir/crop.jpg" > "$dir/crop.out" || ! grep -qF 'bad\xFF.jpg ->' "$dir/crop.out"; then
  echo "FAIL: crop of the photo named bad\xff.jpg"; cat "$dir/crop.out"; fail=1
fi

chmod 600 "$in/locked.jpg"
[ $fail = 0 ] && echo "check_hostile: ok"
exit $fail
