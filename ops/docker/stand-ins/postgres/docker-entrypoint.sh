#!/bin/bash
# Entrypoint of the postgres:17 stand-in, after the official image's: on an empty data directory it runs
# initdb for POSTGRES_USER with POSTGRES_PASSWORD, starts a temporary server on the unix socket only,
# creates POSTGRES_DB, runs /docker-entrypoint-initdb.d/*.sql|*.sh, stops it, then execs the real server.
# Both servers print "database system is ready to accept connections": Testcontainers' PostgreSQLContainer
# waits for the second.
set -Eeuo pipefail

if [ "${1:0:1}" = '-' ]; then
  set -- postgres "$@"
fi

if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  POSTGRES_USER=${POSTGRES_USER:-postgres}
  POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}
  auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
    echo "error: POSTGRES_PASSWORD is not set (or set POSTGRES_HOST_AUTH_METHOD=trust)" >&2
    exit 1
  fi
  mkdir -p "$PGDATA"
  chmod 0700 "$PGDATA"
  pwopt=()
  if [ -n "${POSTGRES_PASSWORD:-}" ]; then
    pwfile=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
    pwopt=(--pwfile="$pwfile")
  fi
  # locale C: the image carries no locales; UTF8 as the official image's databases
  initdb --username="$POSTGRES_USER" "${pwopt[@]}" -D "$PGDATA" -E UTF8 --locale=C \
    --auth-local=trust --auth-host="$auth"
  rm -f "${pwfile:-}"
  printf '\nhost all all all %s\n' "$auth" >> "$PGDATA/pg_hba.conf"
  printf "\nlisten_addresses = '*'\nunix_socket_directories = '/var/run/postgresql'\n" >> "$PGDATA/postgresql.conf"

  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start
  psql=(psql -v ON_ERROR_STOP=1 -X -q -h /var/run/postgresql --username "$POSTGRES_USER" --no-password)
  if [ "$POSTGRES_DB" != postgres ]; then
    "${psql[@]}" --dbname postgres -c "CREATE DATABASE \"$POSTGRES_DB\""
  fi
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sql) echo "running $f"; "${psql[@]}" --dbname "$POSTGRES_DB" -f "$f" ;;
      *.sh)  echo "running $f"; . "$f" ;;
      *)     ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
  echo "PostgreSQL init process complete; ready for start up."
fi

exec "$@"
