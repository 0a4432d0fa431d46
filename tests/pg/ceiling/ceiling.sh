#!/usr/bin/env bash
# The ceiling of a PostgreSQL queue of this schema on this machine (README, "Load test"): a claim
# and an approval each as ONE server-side call (functions.sql), no client work, driven by pgbench at
# 1, 8 and 32 clients, with the audit chain's append (as the store's: the inbox and its seal) and without it.
# A measurement, not a test: ctest does not run it.
# usage: ceiling.sh BINARY [SECONDS]   (BINARY: build/reviewstation, to create the schema)
set -euo pipefail
bin=$(realpath "${1:?usage: ceiling.sh BINARY [SECONDS]}")
seconds=${2:-8}
here=$(cd "$(dirname "$0")" && pwd)
for tool in psql pgbench; do command -v $tool >/dev/null || { echo "$tool is missing (bash .ci/setup)" >&2; exit 1; }; done
dir=$(mktemp -d /tmp/rs-ceiling.XXXXXX)
trap 'bash "$here/../server.sh" stop "$dir" >/dev/null 2>&1; rm -rf "$dir"' EXIT
bash "$here/../server.sh" start "$dir" >/dev/null
server=$(cat "$dir/url")
db="${server%/*}/ceiling"
psql "$server" -X -q -c "CREATE DATABASE ceiling"
"$bin" queue --db "$db" >/dev/null 2>&1 || { echo "ceiling: $bin could not create the schema" >&2; exit 1; }
psql "$db" -X -q -v ON_ERROR_STOP=1 -f "$here/fill.sql" -f "$here/functions.sql"
script="$dir/decision.sql"
cat >"$script" <<'SQL'
SELECT ceiling_claim(:chain, 'ws' || :client_id) AS aid \gset
SELECT ceiling_approve(:chain, 'ws' || :client_id, :aid);
SQL
# A first run warms the server's caches and plans (the first seconds on a new database are slower).
pgbench -n -M prepared -c 8 -j 2 -T 3 -D chain=false -f "$script" "$db" >/dev/null 2>&1
echo "approvals/s, a claim and an approval per pgbench transaction, ${seconds} s each ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
printf '%-28s %8s %8s %8s\n' "" "1" "8" "32"
for chain in true false; do
  row=()
  for clients in 1 8 32; do
    tps=$(pgbench -n -M prepared -c "$clients" -j 2 -T "$seconds" -D chain=$chain -f "$script" "$db" 2>&1 |
      sed -n 's/^tps = \([0-9.]*\).*/\1/p')
    row+=("$(printf '%.0f' "${tps:-0}")")
  done
  label=$([ $chain = true ] && echo "with the audit chain" || echo "audit rows unchained")
  printf '%-28s %8s %8s %8s\n' "$label" "${row[@]}"
done
