#!/usr/bin/env bash
# The run command: installs what is missing, builds, and opens XP Admin on a demo database.
# Without the GUI (not built yet, or no display) it shows the command-line twin on that database.
# Arguments go to the application either way (e.g. --actor alice).
#
# Environment (all optional): BUILD_DIR (default: build), XPADMIN_CMAKE_ARGS (extra CMake arguments).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
BUILD_DIR=${BUILD_DIR:-build}

packaging/install-deps.sh

# An existing build directory keeps its generator: naming another one would make CMake fail.
generator=()
[[ -f "$BUILD_DIR/CMakeCache.txt" ]] || generator=(-G Ninja)
# shellcheck disable=SC2086 # XPADMIN_CMAKE_ARGS is a list of words on purpose
cmake -S . -B "$BUILD_DIR" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo ${XPADMIN_CMAKE_ARGS:-}
cmake --build "$BUILD_DIR" --parallel

# The executables belong in $BUILD_DIR/app; a subfolder of it (app/cli, app/gui) is accepted too.
find_executable() {
    local candidate
    for candidate in "$BUILD_DIR/app/$1" "$BUILD_DIR"/app/*/"$1"; do
        if [[ -f "$candidate" && -x "$candidate" ]]; then
            echo "$candidate"
            return
        fi
    done
    echo "$BUILD_DIR/app/$1" # not built: the checks below say so
}
gui=$(find_executable xpadmin)
cli=$(find_executable xpadmin-cli)

if [[ -f "$gui" && -x "$gui" ]] && [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]]; then
    exec "$gui" --demo "$@"
fi
if [[ -f "$gui" && -x "$gui" ]]; then
    echo "run-demo.sh: no display (DISPLAY, WAYLAND_DISPLAY); showing the command-line twin instead" >&2
fi
[[ -f "$cli" && -x "$cli" ]] || {
    echo "run-demo.sh: neither $gui nor $cli was built" >&2
    exit 1
}

db="${XDG_DATA_HOME:-$HOME/.local/share}/xpadmin/demo.sqlite"
if [[ ! -e "$db" ]]; then
    mkdir -p "$(dirname "$db")"
    echo "run-demo.sh: creating the demo database $db" >&2
    status=0
    "$cli" --db "$db" "$@" demo || status=$?
    if ((status != 0)); then
        # A half-made demo would be taken for a finished one next time.
        rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
        exit "$status"
    fi
fi
"$cli" --db "$db" "$@" totals --by category
