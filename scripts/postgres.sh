#!/usr/bin/env bash
# A throwaway PostgreSQL for the backend tests (audit store on PostgreSQL as well as SQLite).
#
#   scripts/postgres.sh start    install Debian's postgresql when missing, init + start the cluster
#   scripts/postgres.sh stop     stop it (by the recorded PID, through pg_ctl)
#   scripts/postgres.sh status   exit 0 when it runs
#   scripts/postgres.sh env      print the export line for @backstage/backend-test-utils:
#                                  eval "$(scripts/postgres.sh env)"
#
# The cluster lives in .run/postgres (git-ignored), listens on 127.0.0.1:55432 only (no Unix
# socket), trusts connections from 127.0.0.1 only, and runs as the `postgres` OS user when this
# script runs as root (PostgreSQL refuses to run as root). fsync is off: the data is disposable.
# Every command is idempotent: `start` on a running cluster and `stop` on a stopped one succeed.
# PD_PG_PORT overrides the port.
set -euo pipefail

PD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$PD_ROOT/.run"
PG_DIR="$RUN_DIR/postgres"
DATA_DIR="$PG_DIR/data"
LOG_FILE="$PG_DIR/postgres.log"
PID_FILE="$PG_DIR/postgres.pid"
PORT="${PD_PG_PORT:-55432}"
HOST=127.0.0.1

log() { printf '[postgres] %s\n' "$*" >&2; }
die() {
  log "$*"
  exit 1
}

# The newest installed server's bin directory (/usr/lib/postgresql/<major>/bin), or nothing.
pg_bin_dir() {
  local dir best="" best_major=0 major
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] || continue
    major="$(basename "$(dirname "$dir")")"
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if [ "$major" -gt "$best_major" ]; then
      best_major="$major"
      best="$dir"
    fi
  done
  [ -n "$best" ] && echo "$best"
}

# Major version of the cluster when initialised, else of the installed server.
pg_major() {
  if [ -f "$DATA_DIR/PG_VERSION" ]; then
    cat "$DATA_DIR/PG_VERSION"
    return
  fi
  local bin
  bin="$(pg_bin_dir)" || return 1
  basename "$(dirname "$bin")"
}

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_installed() {
  if ! pg_bin_dir >/dev/null; then
    bash "$PD_ROOT/scripts/install-debian.sh" postgresql
  fi
  pg_bin_dir >/dev/null || die "no PostgreSQL server found under /usr/lib/postgresql/*/bin"
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    die "running as root but there is no 'postgres' OS user to run the server as"
  fi
}

is_running() {
  local bin
  bin="$(pg_bin_dir)" || return 1
  [ -f "$DATA_DIR/PG_VERSION" ] || return 1
  as_owner "$bin/pg_ctl" status -D "$DATA_DIR" >/dev/null 2>&1
}

init_cluster() {
  local bin="$1"
  if [ -f "$DATA_DIR/PG_VERSION" ] && [ -f "$DATA_DIR/postgresql.conf" ]; then
    return
  fi
  log "initialising a throwaway cluster in $DATA_DIR"
  rm -rf "$DATA_DIR"
  mkdir -p "$DATA_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres: "$PG_DIR"
  fi
  chmod 700 "$DATA_DIR"
  as_owner "$bin/initdb" -D "$DATA_DIR" -U postgres -E UTF8 --no-locale \
    --auth-host=trust --auth-local=reject >"$PG_DIR/initdb.log" 2>&1 ||
    die "initdb failed, see $PG_DIR/initdb.log"
  # Loopback TCP only, trusted; nothing else may connect.
  cat >"$DATA_DIR/pg_hba.conf" <<'EOF'
# TYPE  DATABASE  USER  ADDRESS        METHOD
host    all       all   127.0.0.1/32   trust
EOF
  cat >>"$DATA_DIR/postgresql.conf" <<EOF

# ---- scripts/postgres.sh: throwaway test cluster ----
listen_addresses = '$HOST'
port = $PORT
unix_socket_directories = ''
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
timezone = 'UTC'
log_timezone = 'UTC'
EOF
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$DATA_DIR/pg_hba.conf" "$DATA_DIR/postgresql.conf"
  fi
}

record_pid() {
  # First line of postmaster.pid is the postmaster's PID.
  head -n1 "$DATA_DIR/postmaster.pid" >"$PID_FILE"
}

cmd_start() {
  ensure_installed
  local bin
  bin="$(pg_bin_dir)"
  mkdir -p "$PG_DIR"
  if is_running; then
    record_pid
    log "already running (pid $(cat "$PID_FILE")) on $HOST:$PORT"
    return
  fi
  if [ "$(id -u)" -eq 0 ]; then
    # The postgres user must be able to reach .run/postgres (a restrictive umask may hide it).
    chmod o+x "$RUN_DIR"
    chown postgres: "$PG_DIR"
  fi
  init_cluster "$bin"
  if [ "$(id -u)" -eq 0 ]; then
    touch "$LOG_FILE"
    chown postgres: "$LOG_FILE"
  fi
  log "starting PostgreSQL $(pg_major) on $HOST:$PORT"
  # pg_ctl removes a stale postmaster.pid itself when its process is gone.
  if ! as_owner "$bin/pg_ctl" start -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 >/dev/null; then
    tail -n 20 "$LOG_FILE" >&2 || true
    die "PostgreSQL did not start, see $LOG_FILE"
  fi
  record_pid
  if ! "$bin/pg_isready" -h "$HOST" -p "$PORT" -U postgres -t 30 >/dev/null; then
    die "PostgreSQL started but does not accept connections on $HOST:$PORT"
  fi
  log "running (pid $(cat "$PID_FILE"))"
}

cmd_stop() {
  local bin pid
  if ! bin="$(pg_bin_dir)"; then
    log "PostgreSQL is not installed; nothing to stop"
    return
  fi
  if [ ! -f "$PID_FILE" ] && ! is_running; then
    log "not running"
    return
  fi
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  if [ -n "$pid" ] && [ -f "$DATA_DIR/postmaster.pid" ] &&
    [ "$(head -n1 "$DATA_DIR/postmaster.pid")" != "$pid" ]; then
    log "recorded pid $pid differs from postmaster.pid; stopping the cluster in $DATA_DIR"
  fi
  if is_running; then
    log "stopping PostgreSQL (pid ${pid:-?})"
    as_owner "$bin/pg_ctl" stop -D "$DATA_DIR" -m fast -w -t 60 >/dev/null ||
      die "pg_ctl stop failed"
  elif [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
    [ "$(ps -o comm= -p "$pid" 2>/dev/null)" = "postgres" ]; then
    # Only the postmaster we recorded, and only when it is a postgres process.
    log "pg_ctl sees no server; terminating recorded postmaster $pid"
    kill -TERM "$pid"
  else
    log "not running"
  fi
  rm -f "$PID_FILE"
}

cmd_status() {
  if is_running; then
    log "running on $HOST:$PORT (pid $(head -n1 "$DATA_DIR/postmaster.pid"))"
  else
    log "not running"
    return 3
  fi
}

cmd_env() {
  local major
  major="$(pg_major 2>/dev/null)" || die "PostgreSQL is not installed; run: scripts/postgres.sh start"
  echo "export BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=postgresql://postgres@$HOST:$PORT"
}

case "${1:-}" in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
env) cmd_env ;;
*)
  echo "usage: $0 start|stop|status|env" >&2
  exit 2
  ;;
esac
