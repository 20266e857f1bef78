#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: trusted local access, no fsync, a free port.
#
# Usage: scripts/pg-cluster.sh start DIR   creates DIR (wiping an earlier cluster there), starts a
#                                          server and prints its URL, e.g.
#                                          postgresql://postgres@127.0.0.1:55432/postgres
#        scripts/pg-cluster.sh standby DIR PRIMARY_URL
#                                          a streaming hot standby of that primary (pg_basebackup -R)
#        scripts/pg-cluster.sh bouncer DIR PRIMARY_URL
#                                          PgBouncer in transaction pooling mode in front of it
#        scripts/pg-cluster.sh stop DIR    stops what runs in DIR (server or PgBouncer), removes DIR
#
# DIR holds the data directory (DIR/data), the server log (DIR/server.log) and the Unix socket.
# A primary accepts TLS with a test CA made in DIR/tls: ca.crt signs server.crt (localhost and
# 127.0.0.1) and client.crt/client.key (the login xpadmin_tls, which must log in with that
# certificate: hostssl ... cert); other-ca.crt is a CA that signed nothing here. Plain connections
# stay trusted for every other login. PgBouncer trusts every login the server has (auth_query).
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
    sed -n '4,12s/^# \{0,1\}//p' "$0" >&2
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

# make_tls DIR: the test CA, the server's and the xpadmin_tls login's certificates, another CA.
make_tls() {
    local dir=$1
    mkdir -p "$dir"
    (
        cd "$dir"
        key=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
        openssl req -x509 "${key[@]}" -days 3650 -subj "/CN=XP Admin test CA" -keyout ca.key -out ca.crt
        openssl req -x509 "${key[@]}" -days 3650 -subj "/CN=Some other CA" -keyout other-ca.key -out other-ca.crt
        openssl req "${key[@]}" -subj "/CN=localhost" -keyout server.key -out server.csr
        openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -out server.crt \
            -extfile <(printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n')
        openssl req "${key[@]}" -subj "/CN=xpadmin_tls" -keyout client.key -out client.csr
        openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -out client.crt
        rm -f ./*.csr ca.srl
        chmod 600 ./*.key
    ) >"$dir.log" 2>&1 || {
        cat "$dir.log" >&2
        die "making the test CA and certificates failed"
    }
    rm -f "$dir.log"
    if ((EUID == 0)); then
        chown -R postgres: "$dir"
    fi
}

# port_of URL: the port of a postgresql://user@127.0.0.1:PORT/db URL this script printed.
port_of() {
    local port=${1##*:}
    port=${port%%/*}
    [[ "$port" =~ ^[0-9]+$ ]] || die "not a URL from pg-cluster.sh start: $1"
    echo "$port"
}

# new_dir DIR: wipes and recreates DIR (ours or empty only), owned by the server's user.
new_dir() {
    local dir=$1
    [[ "$dir" != *"'"* && "$dir" != *" "* ]] || die "DIR may not contain quotes or spaces: $dir"
    ours_or_empty "$dir" || die "$dir exists and was not made by pg-cluster.sh; refusing to wipe it"
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
}

# on_free_port DIR WHAT LOG CMD...: runs CMD (with the word PORT replaced by a port) for ports
# from 55432 up until it starts; prints the port. Offset by our pid so that parallel starts rarely
# try the same one; a port taken between the check and the bind fails the start, and the next is
# tried.
on_free_port() {
    local dir=$1 what=$2 log=$3 port first_port output="" tried="" word
    shift 3
    first_port=$((55432 + $$ % 1000))
    for ((port = first_port; port < first_port + 50; port++)); do
        port_in_use "$port" && continue
        # Keep only the last attempt in the log (truncated, not recreated: root would then own it).
        [[ ! -e "$log" ]] || : >"$log"
        tried="${tried%% to *} to $port" # "first to last", for the message below
        tried=${tried# to }
        local command=()
        for word in "$@"; do command+=("${word//PORT/$port}"); done
        if output=$(as_owner "$dir" "${command[@]}" 2>&1); then
            echo "$port"
            return 0
        fi
        # Only a port clash is worth another try; anything else would fail again.
        grep -qiE 'could not bind|address already in use' "$log" 2>/dev/null || break
    done
    {
        echo "pg-cluster.sh: $what did not start (tried ports ${tried:-$first_port and up: all in use})"
        [[ -z "$output" ]] || echo "$output"
        echo "--- end of $log:"
        tail -n 20 "$log" 2>/dev/null || true
    } >&2
    exit 1
}

# serve DIR EXTRA: starts the server of DIR/data with extra settings; prints its URL.
serve() {
    local dir=$1 extra=$2 bindir port
    bindir=$(find_bindir)
    port=$(on_free_port "$dir" "the server" "$dir/server.log" "$bindir/pg_ctl" -w -D "$dir/data" -l "$dir/server.log" \
        -o "-p PORT -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 $extra" start)
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
}

start() {
    local dir bindir locale
    dir=$(absolute "$1")
    new_dir "$dir"
    bindir=$(find_bindir)

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
    # The TLS tests' login: only over TLS, only with a client certificate of the test CA.
    sed -i '1i hostnossl all xpadmin_tls 127.0.0.1/32 reject' "$dir/data/pg_hba.conf"
    sed -i '1i hostssl all xpadmin_tls 127.0.0.1/32 cert' "$dir/data/pg_hba.conf"
    make_tls "$dir/tls"
    # On the command line, not in postgresql.conf: a standby copied from here starts without TLS.
    serve "$dir" "-c ssl=on -c ssl_cert_file='$dir/tls/server.crt' -c ssl_key_file='$dir/tls/server.key' -c ssl_ca_file='$dir/tls/ca.crt'"
}

standby() {
    local dir bindir port slot
    dir=$(absolute "$1")
    port=$(port_of "$2")
    new_dir "$dir"
    bindir=$(find_bindir)
    # A replication slot of its own: the primary keeps the WAL the standby has not received, however
    # far behind a busy test run leaves it. Without one, a checkpoint (each CREATE DATABASE of the
    # tests makes one) recycles that WAL, and the standby stops following for good.
    slot="xpadmin_standby_$(printf '%s' "$dir" | md5sum | cut -c1-16)"
    as_owner "$dir" "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAtc \
        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '$slot'" \
        >/dev/null 2>&1 || true
    # -R writes primary_conninfo, primary_slot_name and standby.signal: the copy follows the
    # primary's WAL stream.
    if ! as_owner "$dir" "$bindir/pg_basebackup" -D "$dir/data" -R -C -S "$slot" -X stream -c fast \
        -h 127.0.0.1 -p "$port" -U postgres >"$dir/basebackup.log" 2>&1; then
        cat "$dir/basebackup.log" >&2
        die "pg_basebackup from port $port failed"
    fi
    serve "$dir" "-c hot_standby=on"
}

bouncer() {
    local dir port bouncer_port
    dir=$(absolute "$1")
    port=$(port_of "$2")
    command -v pgbouncer >/dev/null 2>&1 || [[ -x /usr/sbin/pgbouncer ]] \
        || die "no pgbouncer (install the 'pgbouncer' package: packaging/install-deps.sh)"
    new_dir "$dir"
    # Trust, like the server behind it; logins not in the auth file are looked up with auth_query.
    printf '"postgres" ""\n' >"$dir/userlist.txt"
    cat >"$dir/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$port
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = @LISTEN@
unix_socket_dir = $dir
auth_type = trust
auth_file = $dir/userlist.txt
auth_user = postgres
auth_query = SELECT usename, passwd FROM pg_shadow WHERE usename = \$1
pool_mode = transaction
max_client_conn = 400
default_pool_size = 20
ignore_startup_parameters = extra_float_digits
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
admin_users = postgres
INI
    touch "$dir/pgbouncer.log"
    if ((EUID == 0)); then chown -R postgres: "$dir"; fi
    # The port goes into a copy of the configuration for each try.
    bouncer_port=$(on_free_port "$dir" "PgBouncer" "$dir/pgbouncer.log" bash -c \
        "sed 's/@LISTEN@/PORT/' '$dir/pgbouncer.ini' >'$dir/pgbouncer-run.ini' && $(command -v pgbouncer || echo /usr/sbin/pgbouncer) -d '$dir/pgbouncer-run.ini' && sleep 0.3 && kill -0 \$(cat '$dir/pgbouncer.pid')")
    echo "postgresql://postgres@127.0.0.1:$bouncer_port/postgres"
}

# Stops what runs in DIR: a server, or PgBouncer.
stop_server() {
    local bindir pid
    if [[ -f "$1/pgbouncer.pid" ]]; then
        pid=$(cat "$1/pgbouncer.pid")
        kill "$pid" 2>/dev/null || true
        rm -f "$1/pgbouncer.pid"
    fi
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

case "${1:-}" in
    start | stop) (($# == 2)) || usage ;;
    standby | bouncer) (($# == 3)) || usage ;;
    *) usage ;;
esac
case "$1" in
    start) start "$2" ;;
    standby) standby "$2" "$3" ;;
    bouncer) bouncer "$2" "$3" ;;
    stop) stop "$2" ;;
esac
