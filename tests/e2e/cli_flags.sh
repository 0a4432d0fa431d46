#!/usr/bin/env bash
# The command line refuses what it does not know: an unknown flag or command, a missing required
# flag or value is a usage error (exit 2) whose message names it, and --help lists the flags the
# parser accepts. Usage: cli_flags.sh /path/to/reviewstation SCRATCH_DIR
set -uo pipefail
rs=$1; dir=$2
source "$(cd "$(dirname "$0")" && pwd)/lib.bash"
rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
# refused DESCRIPTION TEXT_IN_MESSAGE command...: exit 2 and stderr names TEXT_IN_MESSAGE.
refused() {
  local what=$1 needle=$2; shift 2
  "$@" >out.txt 2>err.txt; local got=$?
  if [ "$got" != 2 ]; then bad "$what: exit $got, wanted 2"; cat out.txt err.txt; return; fi
  if grep -qF -- "$needle" err.txt; then ok "$what (exit 2, names $needle)"; else bad "$what: stderr does not name $needle"; cat err.txt; fi
}

printf 'not a photo' > x.jpg
refused "check --threds 2 is refused" "--threds" "$rs" check --threds 2 x.jpg
grep -q "Usage: reviewstation check" err.txt && ok "the refusal shows check's usage line" || bad "no usage line: $(cat err.txt)"
refused "decide without --user" "--user" "$rs" decide --db q.db approve
[ ! -e q.db ] && ok "the refused decide created no database" || bad "decide created q.db"
refused "queue --db without a value" "--db" "$rs" queue --db
refused "an unknown command" "frobnicate" "$rs" frobnicate --db q.db
refused "an unknown flag before any command" "--verbose" "$rs" --verbose
refused "a flag of another command (queue --threads)" "--threads" "$rs" queue --db q.db --threads 2
refused "an extra positional (export takes none)" "stray" "$rs" export --db q.db stray

"$rs" check --help >out.txt 2>err.txt; got=$?
[ "$got" = 0 ] && ok "check --help exits 0" || bad "check --help exit $got"
for flag in --json --threads --doc; do
  grep -qF -- "$flag" out.txt && ok "check --help lists $flag" || bad "check --help lacks $flag"
done
"$rs" decide --help >out.txt 2>&1
grep -qF -- "--user" out.txt && grep -qF -- "--reason" out.txt && ok "decide --help lists --user and --reason" || bad "decide --help: $(cat out.txt)"
"$rs" --help >out.txt 2>&1; got=$?
[ "$got" = 0 ] && grep -q "verify" out.txt && ok "reviewstation --help lists the commands" || bad "top help exit $got"

# A flag given with = still works, and a known command with good flags still runs.
"$rs" check --threads=1 x.jpg >out.txt 2>err.txt; got=$?
[ "$got" = 0 ] && grep -q "not an image" out.txt && ok "check --threads=1 runs and judges the file (not an image)" || bad "check --threads=1: exit $got"

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
