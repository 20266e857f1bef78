#!/usr/bin/env bash
# Installs XP Admin's Debian package on this machine and checks it as a user would meet it:
# lintian, both programs run from their installed paths (version, demo data, verify, a chart
# drawn offscreen, German messages), the desktop entry, AppStream metainfo, icons and man pages
# in place and valid; then removes the package and checks that every file it installed is gone.
#
# Usage: packaging/test-install.sh [PATH/TO/xpadmin_VERSION_ARCH.deb]
#   Without a path it builds the package first, in $BUILD_DIR (default build-package).
# Needs root, or sudo, for apt-get. The machine must not have xpadmin installed from elsewhere:
# a previous install of this package is removed first.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
app_id=io.github.xpadmin.XPAdmin

as_root=()
if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || { echo "test-install.sh: run as root (or install sudo)" >&2; exit 2; }
    as_root=(sudo)
fi

step() { echo "--- test-install.sh: $*"; }
fail() {
    echo "test-install.sh: FAILED: $*" >&2
    exit 1
}

# The checkers, from Debian.
tools=()
command -v lintian >/dev/null 2>&1 || tools+=(lintian)
command -v desktop-file-validate >/dev/null 2>&1 || tools+=(desktop-file-utils)
command -v appstreamcli >/dev/null 2>&1 || tools+=(appstream)
command -v man >/dev/null 2>&1 || tools+=(man-db)
if ((${#tools[@]} > 0)); then
    step "installing ${tools[*]}"
    "${as_root[@]}" apt-get update
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${tools[@]}"
fi

if (($# > 0)); then
    deb=$(realpath "$1")
else
    build=${BUILD_DIR:-build-package}
    step "building the package in $build"
    # Debian's hardening flags, as a Debian package build would pass them.
    CXXFLAGS="$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get CPPFLAGS) $(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get CXXFLAGS)" \
        LDFLAGS="$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get LDFLAGS)" \
        cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DXPADMIN_BUILD_TESTS=OFF \
        -DXPADMIN_WERROR=ON >/dev/null
    rm -f "$build"/xpadmin_*.deb
    cmake --build "$build" --target package -j "${JOBS:-2}"
    debs=("$build"/xpadmin_*.deb)
    deb=$(realpath "${debs[0]}")
fi
[[ -f "$deb" ]] || fail "no package at $deb"
version=$(dpkg-deb --field "$deb" Version)
echo "package: $deb ($version)"

step "lintian (no errors allowed)"
lintian --fail-on error --info "$deb" || fail "lintian reports errors"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"

if dpkg-query -W -f='${Status}' xpadmin 2>/dev/null | grep -q "ok installed"; then
    step "removing the xpadmin installed before"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y xpadmin >/dev/null
fi

step "apt-get install $deb"
cp "$deb" "$work/"
# Without the recommended extras (Wayland plugin, Qt translations): CI may have no network.
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$work/$(basename "$deb")"
mapfile -t files < <(dpkg -L xpadmin | while read -r path; do [[ -f "$path" ]] && echo "$path"; done)
expected=(
    /usr/bin/xpadmin /usr/bin/xpadmin-cli
    "/usr/share/applications/$app_id.desktop" "/usr/share/metainfo/$app_id.metainfo.xml"
    "/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    /usr/share/man/man1/xpadmin.1.gz /usr/share/man/man1/xpadmin-cli.1.gz
    /usr/share/doc/xpadmin/copyright /usr/share/doc/xpadmin/changelog.Debian.gz
)
for size in 16 22 24 32 48 64 128 256 512; do
    expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for path in "${expected[@]}"; do
    [[ -f "$path" ]] || fail "$path is not installed"
done
echo "${#files[@]} files installed"

# From here on the programs run from the installed paths, as another user would run them.
cd "$work"
export PATH=/usr/bin:/bin
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
export LC_ALL=C.UTF-8 LANGUAGE=
unset XPADMIN_DB
mkdir -p "$HOME"
db="$work/x.sqlite"

step "xpadmin-cli --version"
out=$(/usr/bin/xpadmin-cli --version)
echo "$out"
[[ "$out" == "xpadmin-cli ${version%%-*} (Qt "* ]] || fail "unexpected version line: $out"

step "xpadmin-cli demo and verify on a fresh database"
/usr/bin/xpadmin-cli --db "$db" demo --users 20 --transactions 500
/usr/bin/xpadmin-cli --db "$db" verify || fail "verify found problems in fresh demo data"
count=$(/usr/bin/xpadmin-cli --db "$db" --json totals | grep -oE '"count": *[0-9]+' | grep -oE '[0-9]+' | head -n 1)
[[ "$count" == 500 ]] || fail "totals counts $count transactions, not 500"

step "xpadmin-cli follows the system's language, and --lang"
env -u LC_ALL LANG=de_DE.UTF-8 /usr/bin/xpadmin-cli --db "$db" verify | tee "$work/verify-de.txt"
grep -q "Hash-Kette:" "$work/verify-de.txt" || fail "xpadmin-cli on a German system is not German"
/usr/bin/xpadmin-cli --lang fr --help | grep -q "Options globales" || fail "xpadmin-cli --lang fr is not French"

step "xpadmin --version"
out=$(QT_QPA_PLATFORM=offscreen /usr/bin/xpadmin --version)
echo "$out"
[[ "$out" == "xpadmin ${version%%-*} (Qt "* ]] || fail "unexpected version line: $out"

step "xpadmin --export-chart over-time, offscreen"
QT_QPA_PLATFORM=offscreen /usr/bin/xpadmin --export-chart over-time --db "$db" --out "$work/x.png"
[[ "$(head -c 8 "$work/x.png" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]] || fail "x.png is not a PNG"
QT_QPA_PLATFORM=offscreen /usr/bin/xpadmin --lang fr --export-chart category-share --db "$db" --out "$work/x.svg"
grep -q "XP par catégorie" "$work/x.svg" || fail "the French chart has no French title"

step "desktop entry, metainfo and man pages"
desktop-file-validate "/usr/share/applications/$app_id.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "/usr/share/metainfo/$app_id.metainfo.xml" || fail "appstreamcli validate"
grep -q "^Icon=$app_id$" "/usr/share/applications/$app_id.desktop" || fail "the desktop entry names another icon"
for page in xpadmin xpadmin-cli; do
    MANWIDTH=80 man -l "/usr/share/man/man1/$page.1.gz" 2>&1 | grep -q "^NAME" || fail "man $page does not render"
done

cd "$root"
step "apt-get remove xpadmin"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y xpadmin
status=$(dpkg-query -W -f='${Status}' xpadmin 2>/dev/null || true)
[[ -z "$status" || "$status" == *not-installed* ]] || fail "dpkg still lists xpadmin: $status"
left=()
for path in "${files[@]}"; do
    [[ -e "$path" ]] && left+=("$path")
done
((${#left[@]} == 0)) || fail "files left after removal: ${left[*]}"
echo "all ${#files[@]} files removed"

step "passed"
