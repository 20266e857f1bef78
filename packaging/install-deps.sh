#!/usr/bin/env bash
# Installs the Debian 12 (bookworm) packages XP Admin needs to build, test and package itself.
# Only missing packages are installed, so a second run is quick and needs no root.
#
# Usage: packaging/install-deps.sh [--ci]
#   --ci   also install the tools only CI uses (fuzzing compiler, package and script linters)
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config git
    # Qt 6: Core/Sql/Test/Widgets/PrintSupport, Charts, Svg, translations, keychain
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev
    qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools qtkeychain-qt6-dev
    # Qt's own texts in German and French (the wizard's Back/Next, standard buttons)
    qt6-translations-l10n
    # Qt6Charts' CMake package needs Qt6::OpenGL, which qt6-base-dev only recommends
    libqt6opengl6-dev
    # Qt's database drivers
    libqt6sql6-sqlite libqt6sql6-psql
    # OpenGL headers Qt6Gui's CMake package looks for
    libgl-dev libglx-dev libgl1-mesa-dev
    # test databases (scripts/pg-cluster.sh runs a private PostgreSQL 15 cluster); the bulk
    # path on PostgreSQL (COPY) and xpadmin-bench's raw baselines use libpq and SQLite directly
    libsqlite3-dev libpq-dev postgresql sqlite3
    # the PostgreSQL tests' pooler (PgBouncer in transaction mode) and test CA (openssl)
    pgbouncer openssl
    # the web app's own Prisma client in a test (scripts/prisma-client.sh; Node.js 20.19 or later
    # with npm, as this machine's nodejs package has)
    nodejs
    # SHA-256 of the audit chain (libcrypto)
    libssl-dev
    # headless GUI runs and screenshots
    xvfb xauth xdotool imagemagick
    # the real system keychain in a test: a D-Bus session with a GNOME keyring of its own
    dbus gnome-keyring
    # formatting (CI checks it with the .clang-format at the repository root, and the CMake files
    # with .cmake-format.py); the tree's rules (scripts/check-layout.py) and translation tools
    clang-format cmake-format python3
    # links the many test programs in about half the time of the default linker (docs/ci.md)
    lld
    # the icon's PNG sizes are rendered from its SVG at build time
    librsvg2-bin
)

ci_packages=(
    # clang with its libFuzzer/sanitizer runtimes (clang only recommends them)
    clang libclang-rt-14-dev
    # checks the .deb CPack builds, and these scripts
    lintian shellcheck
    # the RPM CPack builds; the desktop entry's and metainfo's validators (packaging/test-install.sh)
    rpm desktop-file-utils appstream
    # the stacks of a test, or of a command a test runs, that hangs (Qt Test's watchdog, CliRunner)
    gdb
)

case "${1:-}" in
    "") ;;
    --ci) packages+=("${ci_packages[@]}") ;;
    -h | --help)
        sed -n '2,7s/^# \{0,1\}//p' "$0"
        exit 0
        ;;
    *)
        echo "install-deps.sh: unknown argument '$1' (expected --ci)" >&2
        exit 2
        ;;
esac

missing=()
for package in "${packages[@]}"; do
    # A removed-but-configured package reports "deinstall ok config-files": only this counts.
    if [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" != "install ok installed" ]]; then
        missing+=("$package")
    fi
done

if ((${#missing[@]} == 0)); then
    exit 0
fi

as_root=()
if ((EUID != 0)); then
    if command -v sudo >/dev/null 2>&1; then
        as_root=(sudo)
    else
        echo "install-deps.sh: these Debian packages are missing and sudo is not available:" >&2
        echo "  ${missing[*]}" >&2
        echo "Install them as root, then run this again:" >&2
        echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
        exit 1
    fi
fi

echo "install-deps.sh: installing ${missing[*]}" >&2
# env(1) instead of VAR=value after sudo: sudo's env_reset may refuse variables on its command line.
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
