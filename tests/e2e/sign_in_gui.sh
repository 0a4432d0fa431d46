#!/usr/bin/env bash
# The workstation's sign-in, end to end under Xvfb:
#  1. Without a password the window opens on the sign-in dialog with --user filled in; a wrong
#     password is refused on screen (and in the log) and nothing opens; the right one opens the
#     reviewer's queue, which shows an order.
#  2. An account without a workspace (the demo admin: the trainer has the trainer's workspace) is
#     told so and stays in the dialog;
#     Ctrl+Q quits from there.
#  3. Kiosk mode (RS_PASSWORD): a wrong password exits 6 and an account without a workspace exits
#     7, both before any window opens.
# usage: sign_in_gui.sh /path/to/reviewstation SCRATCH_DIR
set -euo pipefail
bin=$(realpath "${1:?usage: sign_in_gui.sh BINARY SCRATCH_DIR}")
out=${2:?scratch dir}
mkdir -p "$out"
out=$(realpath "$out")
rm -f "$out"/*.db* "$out"/*.log "$out"/*.png
source "$(dirname "$0")/lib.bash"
start_xvfb
unset RS_PASSWORD
db="$out/q.db"
"$bin" demo --db "$db" --orders 3 --no-gui --no-history >"$out/demo.log" 2>&1 || fail "demo could not fill the queue"

# type TEXT then Enter into the focused window
type_line() { xdotool type --delay 60 "$1"; sleep 0.2; xdotool key --clearmodifiers Return; }

# ---- 1. the dialog: a wrong password, then the right one ----
"$bin" gui --db "$db" --user r1 >"$out/dialog.log" 2>&1 &
pid=$!
e2e_pids+=("$pid")
gui_window "$pid"
sleep 1
type_line wrong
wait_log dialog.log "$pid" "^gui: sign-in refused: " 30
grep -q "^gui: signed in" "$out/dialog.log" && fail "a wrong password signed in"
screenshot "$out/refused.png"
type_line demo  # the dialog put the cursor back in the emptied password field
wait_log dialog.log "$pid" "^gui: signed in as r1 \(reviewer\)" 30
wait_log dialog.log "$pid" "^gui: showing " 90
screenshot "$out/signed_in.png"
close_gui "$pid"
echo "sign_in_gui: the dialog refused a wrong password and signed r1 in with the right one"

# ---- 2. an account without a workspace ----
"$bin" gui --db "$db" --user admin >"$out/admin.log" 2>&1 &
pid=$!
e2e_pids+=("$pid")
gui_window "$pid"
sleep 1
type_line demo
wait_log admin.log "$pid" "^gui: admin signed in but has no workspace" 30
grep -q "^gui: showing" "$out/admin.log" && fail "the admin was shown the queue"
screenshot "$out/no_workspace.png"
close_gui "$pid"
echo "sign_in_gui: the admin was told there is no workspace and quit with Ctrl+Q"

# ---- 3. kiosk mode ----
set +e
RS_PASSWORD=wrong "$bin" gui --db "$db" --user r2 >"$out/kiosk_wrong.log" 2>&1
rc_wrong=$?
RS_PASSWORD=demo "$bin" gui --db "$db" --user admin >"$out/kiosk_admin.log" 2>&1
rc_admin=$?
set -e
[ "$rc_wrong" = 6 ] && grep -q "sign-in refused" "$out/kiosk_wrong.log" || fail "kiosk with a wrong password: exit $rc_wrong"
[ "$rc_admin" = 7 ] && grep -q "needs the reviewer role" "$out/kiosk_admin.log" || fail "kiosk as the admin: exit $rc_admin"
python3 - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT actor, action FROM audit_log WHERE action LIKE 'sign_in%' ORDER BY id").fetchall()
assert ("r1", "sign_in_failed") in rows and ("r1", "sign_in") in rows, rows
assert ("r2", "sign_in_failed") in rows and ("admin", "sign_in") in rows, rows
PY
echo "sign_in_gui: ok: kiosk mode exits 6 on a wrong password and 7 without a workspace; every sign-in is in the audit log"
