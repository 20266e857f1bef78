#!/usr/bin/env bash
# Renders the Windows and macOS icons (resources/icons/xpadmin.ico, xpadmin.icns) from
# resources/icons/xpadmin.svg. Run it after changing the SVG and commit the results: those
# platforms' builds cannot render SVG themselves. (Linux's PNGs are rendered at build time.)
# Needs: rsvg-convert (librsvg2-bin), convert (imagemagick), png2icns (icnsutils).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../resources/icons"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for size in 16 24 32 48 64 128 256 512 1024; do
    rsvg-convert --width "$size" --height "$size" --output "$work/$size.png" xpadmin.svg
done
convert "$work"/{16,24,32,48,64,256}.png xpadmin.ico
png2icns xpadmin.icns "$work"/{16,32,48,128,256,512,1024}.png >/dev/null
echo "render-icons.sh: wrote resources/icons/xpadmin.ico and xpadmin.icns"
