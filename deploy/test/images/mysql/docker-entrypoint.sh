#!/bin/bash
# Entrypoint of the mysql:8.4 STAND-IN (MariaDB 10.11): the subset of the official MySQL image's
# contract that deploy/docker-compose.production.yml relies on. See the Containerfile.
set -eo pipefail

log() { echo "stand-in entrypoint: $*"; }

if [ "${1:0:1}" = '-' ]; then
  set -- mysqld "$@"
fi
if [ "$1" != mysqld ] && [ "$1" != mariadbd ]; then
  exec "$@"
fi
shift

# /etc/mysql/conf.d/*.cnf are written for MySQL 8.4. Copied for MariaDB: innodb_redo_log_capacity
# becomes innodb_log_file_size (one redo file of that size), every other server option gets the
# "loose-" prefix, so that an option MariaDB does not know is a warning in the log, not a failed start.
rm -f /etc/mysql/stand-in.d/*.cnf
for cnf in /etc/mysql/conf.d/*.cnf; do
  [ -e "$cnf" ] || continue
  sed -E \
    -e 's/^[[:space:]]*innodb_redo_log_capacity[[:space:]]*=/innodb_log_file_size =/' \
    -e '/^[[:space:]]*([#;[!]|$)/! { /^[[:space:]]*loose-/! s/^[[:space:]]*/loose-/ }' \
    "$cnf" > "/etc/mysql/stand-in.d/$(basename "$cnf")"
done

SOCKET=/run/mysqld/mysqld.sock
mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld /var/lib/mysql

sql_string() {
  local value="${1//\\/\\\\}"
  value="${value//\'/\'\'}"
  printf "'%s'" "$value"
}

if [ ! -d /var/lib/mysql/mysql ]; then
  : "${MYSQL_ROOT_PASSWORD:?the mysql:8.4 stand-in needs MYSQL_ROOT_PASSWORD (no other root option is implemented)}"
  log "initialising the data directory"
  mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db --auth-root-authentication-method=normal > /dev/null

  log "temporary server, networking off"
  mariadbd --user=mysql --skip-networking --socket="$SOCKET" "$@" &
  pid=$!
  for _ in $(seq 60); do
    if mariadb-admin --socket="$SOCKET" -uroot ping --silent 2> /dev/null; then break; fi
    kill -0 "$pid" 2> /dev/null || { log "temporary server exited"; exit 1; }
    sleep 1
  done
  mariadb-admin --socket="$SOCKET" -uroot ping --silent

  {
    echo "SET @@SESSION.SQL_LOG_BIN = 0;"
    echo "DELETE FROM mysql.global_priv WHERE User = '' OR (User = 'root' AND Host NOT IN ('localhost'));"
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY $(sql_string "$MYSQL_ROOT_PASSWORD");"
    echo "CREATE USER 'root'@'%' IDENTIFIED BY $(sql_string "$MYSQL_ROOT_PASSWORD");"
    echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    if [ -n "${MYSQL_DATABASE:-}" ]; then
      echo "CREATE DATABASE IF NOT EXISTS \`${MYSQL_DATABASE}\`;"
    fi
    if [ -n "${MYSQL_USER:-}" ] && [ -n "${MYSQL_PASSWORD:-}" ]; then
      echo "CREATE USER '${MYSQL_USER}'@'%' IDENTIFIED BY $(sql_string "$MYSQL_PASSWORD");"
      [ -n "${MYSQL_DATABASE:-}" ] && echo "GRANT ALL ON \`${MYSQL_DATABASE}\`.* TO '${MYSQL_USER}'@'%';"
    fi
    echo "FLUSH PRIVILEGES;"
  } | mariadb --socket="$SOCKET" -uroot

  mysql_client=(mariadb --socket="$SOCKET" -uroot -p"$MYSQL_ROOT_PASSWORD")
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh)
        if [ -x "$f" ]; then log "running $f"; "$f"
        else log "sourcing $f"; . "$f"; fi ;;
      *.sql) log "running $f"; "${mysql_client[@]}" ${MYSQL_DATABASE:+"$MYSQL_DATABASE"} < "$f" ;;
      *.sql.gz) log "running $f"; gunzip -c "$f" | "${mysql_client[@]}" ${MYSQL_DATABASE:+"$MYSQL_DATABASE"} ;;
      *) [ -e "$f" ] && log "ignoring $f" ;;
    esac
  done

  mariadb-admin --socket="$SOCKET" -uroot -p"$MYSQL_ROOT_PASSWORD" shutdown
  wait "$pid" || true
  log "initialisation done"
fi

exec mariadbd --user=mysql "$@"
