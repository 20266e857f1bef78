#!/usr/bin/env bash
# The test command: installs what is missing, builds, then runs every test against SQLite and
# against a throwaway PostgreSQL cluster.
#
# Environment (all optional):
#   BUILD_DIR            build directory (default: build)
#   XPADMIN_CMAKE_ARGS   extra CMake arguments, e.g. -DXPADMIN_WERROR=ON
#   CTEST_ARGS           extra CTest arguments, e.g. "-L core" or "-R ledger"
#   BUILD_ONLY_TESTED=true   build only the programs the tests selected by CTEST_ARGS run (and
#                        what they depend on), not the whole tree
#   CI=true              a PostgreSQL cluster (primary with TLS, standby, PgBouncer) that cannot
#                        start, or a web app's Prisma client that cannot be built, fails the run
#                        instead of letting the tests that need them skip themselves
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
BUILD_DIR=${BUILD_DIR:-build}

packaging/install-deps.sh

# An existing build directory keeps its generator: naming another one would make CMake fail.
generator=()
[[ -f "$BUILD_DIR/CMakeCache.txt" ]] || generator=(-G Ninja)
# shellcheck disable=SC2086 # XPADMIN_CMAKE_ARGS is a list of words on purpose
cmake -S . -B "$BUILD_DIR" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo ${XPADMIN_CMAKE_ARGS:-}
if [[ "${BUILD_ONLY_TESTED:-}" == true ]]; then
    # Not `mapfile < <(...)`: a failing script would then pass unnoticed.
    # shellcheck disable=SC2086 # CTEST_ARGS is a list of words on purpose
    listed=$(scripts/tested-programs.py "$BUILD_DIR" ${CTEST_ARGS:-})
    if [[ -n "$listed" ]]; then
        mapfile -t targets <<<"$listed"
        echo "run-tests.sh: building the ${#targets[@]} programs the selected tests run" >&2
        cmake --build "$BUILD_DIR" --parallel --target "${targets[@]}"
    fi
else
    cmake --build "$BUILD_DIR" --parallel
fi

# The web app's own Prisma client, from the npm registry, when a selected test runs it.
# Listed first: with pipefail, `ctest ... | grep -q` fails when grep stops reading early.
# shellcheck disable=SC2086 # CTEST_ARGS is a list of words on purpose
selected=$(ctest --test-dir "$BUILD_DIR" -N ${CTEST_ARGS:-})
if grep -q 'test_prisma_client' <<<"$selected"; then
    if prisma_client=$(scripts/prisma-client.sh "$BUILD_DIR/prisma-client"); then
        export XPADMIN_TEST_PRISMA_CLIENT="$prisma_client"
    elif [[ "${CI:-}" == true ]]; then
        echo "run-tests.sh: error: the web app's Prisma client could not be built (see above); CI needs it" >&2
        exit 1
    else
        echo "run-tests.sh: warning: the web app's Prisma client could not be built (see above);" \
            "test_prisma_client will skip itself" >&2
    fi
fi

# The cluster lives under /tmp: run as root, the server runs as "postgres", which must reach it.
pg_parent=$(mktemp -d /tmp/xpadmin-pg.XXXXXX)
chmod 755 "$pg_parent"
pg_dir="$pg_parent/cluster"
# shellcheck disable=SC2317 # run by the trap
stop_servers() {
    local dir
    for dir in bouncer standby cluster; do
        scripts/pg-cluster.sh stop "$pg_parent/$dir" || true
    done
    rm -rf "$pg_parent"
}
trap stop_servers EXIT

if pg_url=$(scripts/pg-cluster.sh start "$pg_dir"); then
    export XPADMIN_TEST_PG_URL="$pg_url"
    echo "run-tests.sh: PostgreSQL test server at $pg_url" >&2
    # Its test CA, a streaming standby, and PgBouncer in transaction mode in front of it.
    export XPADMIN_TEST_PG_TLS_DIR="$pg_dir/tls"
    if standby_url=$(scripts/pg-cluster.sh standby "$pg_parent/standby" "$pg_url") \
        && bouncer_url=$(scripts/pg-cluster.sh bouncer "$pg_parent/bouncer" "$pg_url"); then
        export XPADMIN_TEST_PG_STANDBY_URL="$standby_url" XPADMIN_TEST_PGBOUNCER_URL="$bouncer_url"
        echo "run-tests.sh: its standby at $standby_url, PgBouncer at $bouncer_url" >&2
    elif [[ "${CI:-}" == true ]]; then
        echo "run-tests.sh: error: the standby or PgBouncer did not start (see above); CI needs them" >&2
        exit 1
    fi
elif [[ "${CI:-}" == true ]]; then
    echo "run-tests.sh: error: the PostgreSQL test cluster did not start (see above); CI needs it" >&2
    exit 1
else
    echo "run-tests.sh: warning: the PostgreSQL test cluster did not start (see above);" \
        "the PostgreSQL tests will skip themselves" >&2
fi

# CTest starts the slowest tests first once it knows their times, from the earlier runs in this
# build folder. A fresh folder (as CI's) takes the times kept in tests/ctest-costs.txt instead of
# starting the tests in the order they are listed, which left the slowest for last (docs/ci-time.md).
costs="$BUILD_DIR/Testing/Temporary/CTestCostData.txt"
if [[ ! -f "$costs" ]]; then
    mkdir -p "$(dirname "$costs")"
    cp tests/ctest-costs.txt "$costs"
fi

export QT_QPA_PLATFORM=offscreen
status=0
# shellcheck disable=SC2086 # CTEST_ARGS is a list of words on purpose
ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 900 -j2 --no-tests=error ${CTEST_ARGS:-} || status=$?
exit "$status"
