#!/bin/sh
# Runs a command in a D-Bus session of its own with a fresh, unlocked GNOME keyring (the Secret
# Service that QtKeychain talks to on Linux), kept in a temporary folder; the command finds that
# folder in XPADMIN_TEST_KEYRING_DIR. Without dbus-run-session or gnome-keyring-daemon the test
# is skipped, or fails when CI=true.
#
# Usage: tests/credentials/with-keyring.sh COMMAND [ARGUMENTS...]
set -eu

for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        if [ "${CI:-}" = true ]; then
            echo "with-keyring.sh: $tool is missing (Debian packages dbus and gnome-keyring)" >&2
            exit 1
        fi
        echo "SKIP   : $tool is missing (Debian packages dbus and gnome-keyring)"
        exit 0
    fi
done

dir=$(mktemp -d /tmp/xpadmin-keyring.XXXXXX)
trap 'rm -rf "$dir"' EXIT
XDG_DATA_HOME="$dir/data"
XDG_RUNTIME_DIR="$dir/run"
XPADMIN_TEST_KEYRING_DIR="$dir/data/keyrings"
export XDG_DATA_HOME XDG_RUNTIME_DIR XPADMIN_TEST_KEYRING_DIR
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# The keyring's own password unlocks it; the daemon leaves with the session bus.
status=0
dbus-run-session -- sh -c 'printf %s xpadmin-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "$@"' \
    sh "$@" || status=$?
exit "$status"
