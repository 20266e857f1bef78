#!/usr/bin/env bash
# Fuzzes the CSV reader: builds tests/fuzz with clang in a build folder of its own (libFuzzer,
# AddressSanitizer and UndefinedBehaviorSanitizer; only the reader's library xpcsvreader is
# compiled, instrumented too), then runs the fuzz target for a bounded time on a copy of the seed
# corpus (tests/fuzz/corpus).
# Exits non-zero when the fuzzer finds a crash, a hang or a broken invariant; the input
# that did it is kept in BUILD_DIR/fuzz-artifacts (replay: BUILD_DIR/tests/fuzz/fuzz_csv_reader FILE).
#
# Usage: scripts/run-fuzz.sh [SECONDS]      (default 60, or $FUZZ_SECONDS)
# Environment (optional): BUILD_DIR (default build-fuzz), FUZZ_ARGS extra libFuzzer options,
# e.g. "-max_len=140000" to reach the 64 KiB field limit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${1:-${FUZZ_SECONDS:-60}}
build_dir=${BUILD_DIR:-build-fuzz}

if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "run-fuzz.sh: the time must be a whole number of seconds, not '$seconds'" >&2
    exit 2
fi
if ! command -v clang++ >/dev/null; then
    # clang and its libFuzzer runtime come with the CI tools.
    packaging/install-deps.sh --ci
fi

generator=()
[[ -f "$build_dir/CMakeCache.txt" ]] || generator=(-G Ninja)
CC=clang CXX=clang++ cmake -S . -B "$build_dir" "${generator[@]}" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" \
    -DXPADMIN_SANITIZE=ON -DXPADMIN_BUILD_GUI=OFF -DXPADMIN_BUILD_BENCHMARKS=OFF -DXPADMIN_FUZZ=ON
if ! grep -q '^XPADMIN_HAVE_LIBFUZZER:INTERNAL=1' "$build_dir/CMakeCache.txt"; then
    echo "run-fuzz.sh: clang cannot build libFuzzer targets here (missing libclang-rt-14-dev?)" >&2
    exit 2
fi
cmake --build "$build_dir" --target fuzz_csv_reader --parallel 2

# Fuzz a copy of the corpus: what the fuzzer adds stays out of the source tree.
corpus="$build_dir/fuzz-corpus"
artifacts="$build_dir/fuzz-artifacts"
rm -rf "$corpus" "$artifacts"
mkdir -p "$corpus" "$artifacts"
cp tests/fuzz/corpus/* "$corpus/"

echo "run-fuzz.sh: fuzzing the CSV reader for ${seconds}s (corpus copy in $corpus)" >&2
status=0
# detect_leaks=0 as in CI: Qt keeps a few allocations until exit.
# shellcheck disable=SC2086 # FUZZ_ARGS is a list of words on purpose
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$build_dir/tests/fuzz/fuzz_csv_reader" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1 \
    -artifact_prefix="$artifacts/" \
    ${FUZZ_ARGS:-} "$corpus" || status=$?

if ((status != 0)); then
    echo "run-fuzz.sh: the fuzzer found a problem (exit status $status); inputs that show it:" >&2
    ls -l "$artifacts" >&2 || true
    exit 1
fi
echo "run-fuzz.sh: no crash, hang or broken invariant in ${seconds}s" >&2
