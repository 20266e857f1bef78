#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: trusted local access, no fsync, a free port.
#
# Usage: scripts/pg-cluster.sh start DIR   creates DIR (wiping an earlier cluster there), starts a
#                                          server and prints its URL, e.g.
#                                          postgresql://postgres@127.0.0.1:55432/postgres
#        scripts/pg-cluster.sh stop DIR    stops that server and removes DIR
#
# DIR holds the data directory (DIR/data), the server log (DIR/server.log) and the Unix socket.
# Run as root, the server runs as the "postgres" user (PostgreSQL refuses root), so every parent
# of DIR must be traversable by that user: use a directory under /tmp.
set -euo pipefail

# Marks a directory as ours, so that neither command ever wipes anything else.
readonly marker=.xpadmin-pg-cluster

die() {
    echo "pg-cluster.sh: $*" >&2
    exit 1
}

usage() {
    sed -n '4,8s/^# \{0,1\}//p' "$0" >&2
    exit 2
}

# Newest installed server: /usr/lib/postgresql/<major>/bin, else whatever initdb is on PATH.
find_bindir() {
    local dir
    dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
    if [[ -z "$dir" ]] && command -v initdb >/dev/null 2>&1; then
        dir=$(dirname "$(command -v initdb)")
    fi
    [[ -n "$dir" && -x "$dir/pg_ctl" ]] \
        || die "no PostgreSQL server binaries found (install the 'postgresql' package: packaging/install-deps.sh)"
    echo "$dir"
}

# as_owner DIR CMD...: runs CMD as the owner of cluster DIR, from / (the caller's directory may be
# closed to that user). Root hands the work to that owner, "postgres" for clusters root made.
as_owner() {
    local owner
    owner=$(stat -c %U "$1")
    shift
    if ((EUID == 0)) && [[ "$owner" != root ]]; then
        (cd / && runuser -u "$owner" -- "$@")
    else
        (cd / && "$@")
    fi
}

absolute() {
    case "$1" in
        /*) echo "$1" ;;
        *) echo "$PWD/$1" ;;
    esac
}

# True when DIR may be wiped: absent, empty, or made by this script.
ours_or_empty() {
    [[ ! -e "$1" ]] || [[ -e "$1/$marker" ]] || [[ -d "$1" && -z "$(ls -A "$1")" ]]
}

# Something already accepting connections on the port? (bash's /dev/tcp: no python or ss needed)
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
    local dir bindir locale port first_port log output="" tried=""
    dir=$(absolute "$1")
    [[ "$dir" != *"'"* && "$dir" != *" "* ]] || die "DIR may not contain quotes or spaces: $dir"
    ours_or_empty "$dir" || die "$dir exists and was not made by pg-cluster.sh; refusing to wipe it"
    bindir=$(find_bindir)

    # A server still running from an earlier start would be orphaned by the wipe.
    [[ ! -e "$dir/$marker" ]] || stop_server "$dir"
    rm -rf "$dir"
    mkdir -p "$dir"
    touch "$dir/$marker"
    if ((EUID == 0)); then
        id postgres >/dev/null 2>&1 || die "no 'postgres' user (it comes with the 'postgresql' package)"
        chown -R postgres: "$dir"
        if ! runuser -u postgres -- test -w "$dir"; then
            rm -rf "$dir"
            die "user postgres cannot reach $dir; put it in a directory under /tmp made with mktemp -d and chmod 755"
        fi
    fi

    # C.UTF-8 gives UTF-8 text without a locale package; plain C is the fallback.
    locale=C
    if grep -qiE '^c\.utf-?8$' <<<"$(locale -a 2>/dev/null || true)"; then
        locale=C.UTF-8
    fi
    if ! as_owner "$dir" "$bindir/initdb" -D "$dir/data" --auth=trust -U postgres --encoding=UTF8 \
        --locale="$locale" >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        die "initdb failed"
    fi
    # test_credentials: one login that must give a password (scram-sha-256), before the trust lines.
    sed -i '1i host all xpadmin_pwtest 127.0.0.1/32 scram-sha-256' "$dir/data/pg_hba.conf"

    log="$dir/server.log"
    # Ports from 55432 up, offset by our pid so that parallel starts rarely try the same one; a
    # port taken between the check and the bind makes the start fail, and the next port is tried.
    first_port=$((55432 + $$ % 1000))
    for ((port = first_port; port < first_port + 50; port++)); do
        port_in_use "$port" && continue
        # Keep only the last attempt in the log (truncated, not recreated: root would then own it).
        [[ ! -e "$log" ]] || : >"$log"
        tried="${tried%% to *} to $port" # "first to last", for the message below
        tried=${tried# to }
        if output=$(as_owner "$dir" "$bindir/pg_ctl" -w -D "$dir/data" -l "$log" \
            -o "-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
            start 2>&1); then
            echo "postgresql://postgres@127.0.0.1:$port/postgres"
            return 0
        fi
        # Only a port clash is worth another try; anything else would fail again.
        grep -qiE 'could not bind|address already in use' "$log" 2>/dev/null || break
    done
    {
        echo "pg-cluster.sh: the server did not start (tried ports ${tried:-$first_port and up: all in use})"
        [[ -z "$output" ]] || echo "$output"
        echo "--- end of $log:"
        tail -n 20 "$log" 2>/dev/null || true
    } >&2
    exit 1
}

# Stops the server of the cluster in DIR, if one runs.
stop_server() {
    local bindir
    [[ -f "$1/data/postmaster.pid" ]] || return 0
    bindir=$(find_bindir)
    # Immediate: nothing in a throwaway cluster is worth a clean shutdown.
    as_owner "$1" "$bindir/pg_ctl" -D "$1/data" -m immediate -w stop >/dev/null 2>&1 \
        || echo "pg-cluster.sh: pg_ctl stop failed in $1 (server already gone?)" >&2
}

stop() {
    local dir
    dir=$(absolute "$1")
    [[ -e "$dir" ]] || return 0
    [[ -e "$dir/$marker" ]] || die "$dir was not made by pg-cluster.sh; refusing to remove it"
    stop_server "$dir"
    rm -rf "$dir"
}

(($# == 2)) || usage
case "$1" in
    start) start "$2" ;;
    stop) stop "$2" ;;
    *) usage ;;
esac
