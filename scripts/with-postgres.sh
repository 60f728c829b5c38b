#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server:
#   scripts/with-postgres.sh COMMAND [ARGS...]
# The cluster lives in a temporary folder, listens on 127.0.0.1 on a free port, and is stopped
# and removed when the command ends, whatever its outcome. The command sees DATABASE_URL.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[[ $# -gt 0 ]] || die "usage : $0 COMMAND [ARGS...]"

pg_bindir() {
    local dir
    dir="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"
    [[ -n "$dir" && -x "$dir/initdb" ]] && echo "$dir"
}

if ! PG_BIN="$(pg_bindir)"; then
    ensure_debs "${POSTGRES_DEBS[@]}"
    PG_BIN="$(pg_bindir)" || die "PostgreSQL est installé mais initdb reste introuvable."
fi

# PostgreSQL refuses to run as root: as root, run its tools as the "postgres" system user.
PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/eig-postgres.XXXXXX")"
if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "l'utilisateur système « postgres » est absent (paquet postgresql)."
    chown postgres: "$PG_DIR"
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

stop_postgres() {
    if [[ -f "$PG_DIR/data/postmaster.pid" ]]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
}
trap stop_postgres EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PG_PORT="$(free_port)"
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') jetable sur 127.0.0.1:$PG_PORT ($PG_DIR)"
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --no-locale --no-sync \
    >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; die "initdb a échoué."; }
# Durability is pointless for a cluster that lives as long as the test run.
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$PG_DIR/server.log" >&2; die "PostgreSQL n'a pas démarré."; }
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres eig

export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/eig"
# Not exec: the EXIT trap must still stop the server.
set +e
"$@"
status=$?
set -e
exit "$status"
