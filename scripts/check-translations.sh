#!/usr/bin/env bash
# Checks that translations/xpadmin_*.ts are in step with the sources: lupdate runs over a temporary
# copy, which must then hold no new (unfinished) and no vanished message, and every translation
# must keep its source's placeholders (%1, %L2), accelerator (&) and line breaks.
# xpadmin_en.ts holds only the English plural forms ("1 event", "2 events") of the %n messages.
#
# Usage: scripts/check-translations.sh            check (CI)
#        scripts/check-translations.sh --update   bring translations/*.ts in step with the sources
#                                                 (new messages come in unfinished; then translate
#                                                 them: scripts/ts-tool.py todo de)
# Needs lupdate (Debian: qt6-l10n-tools) and python3.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
lupdate=${LUPDATE:-}
if [[ -z "$lupdate" ]]; then
    for candidate in /usr/lib/qt6/bin/lupdate "$(command -v lupdate6 || true)" "$(command -v lupdate || true)"; do
        if [[ -n "$candidate" && -x "$candidate" ]]; then
            lupdate=$candidate
            break
        fi
    done
fi
if [[ -z "$lupdate" ]]; then
    echo "check-translations.sh: lupdate not found (Debian: apt-get install qt6-l10n-tools; or set LUPDATE)" >&2
    exit 2
fi

# The sources and options of the update_translations target (translations/CMakeLists.txt).
sources=(core models ui app translations)
options=(-extensions "cpp,h" -locations relative)
ts_files=()
for file in translations/xpadmin_*.ts; do
    [[ "$file" == *_en.ts ]] || ts_files+=("$file")
done
english=translations/xpadmin_en.ts

case "${1:-}" in
    --update)
        log=$("$lupdate" -silent "${options[@]}" -no-obsolete "${sources[@]}" -ts "${ts_files[@]}" 2>&1)
        log+=$("$lupdate" -silent "${options[@]}" -no-obsolete -pluralonly "${sources[@]}" -ts "$english" 2>&1)
        grep -v "lacks Q_OBJECT macro" <<<"$log" >&2 || true
        python3 scripts/ts-tool.py summary "${ts_files[@]}" "$english"
        exit 0
        ;;
    "") ;;
    *)
        sed -n '2,12s/^# \{0,1\}//p' "$0"
        exit 2
        ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copies=()
for ts in "${ts_files[@]}"; do
    cp "$ts" "$work/"
    copies+=("$work/$(basename "$ts")")
done
# Without -no-obsolete: a string gone from the sources stays, marked vanished, and is reported.
log=$("$lupdate" "${options[@]}" "${sources[@]}" -ts "${copies[@]}" 2>&1)
cp "$english" "$work/"
copies+=("$work/$(basename "$english")")
"$lupdate" -silent "${options[@]}" -pluralonly "${sources[@]}" -ts "$work/$(basename "$english")" >/dev/null 2>&1
# A tr() lupdate cannot place in a class is never extracted, hence never translated.
if grep -F "cannot be called without context" <<<"$log" >&2; then
    echo "check-translations.sh: lupdate cannot extract these strings (give them a context:" \
        "QCoreApplication::translate(\"Class\", ...) or Q_DECLARE_TR_FUNCTIONS)" >&2
    exit 1
fi
# A local tr() helper asks for one context; lupdate files each call under its caller's class.
if ! python3 scripts/ts-tool.py helpers "${copies[0]}"; then
    echo "check-translations.sh: these strings are translated but never found at run time" >&2
    exit 1
fi
if ! python3 scripts/ts-tool.py check "${copies[@]}"; then
    echo "check-translations.sh: translations/*.ts are out of step with the sources." >&2
    echo "Run scripts/check-translations.sh --update, translate what scripts/ts-tool.py todo LANG lists" >&2
    echo "(scripts/ts-tool.py fill LANG FILE.json), and commit the .ts files." >&2
    exit 1
fi
echo "check-translations.sh: ${ts_files[*]} $english are complete and in step with the sources"
