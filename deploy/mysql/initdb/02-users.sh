#!/usr/bin/env bash
# Creates the Forecap accounts at the first start of the MySQL container (docker-entrypoint-initdb.d,
# after 01-schema.sql). Least privilege:
#   forecap_user      the API: SELECT on forecap_db only          (password: MYSQL_PASSWORD)
#   forecap_tools     generator, verify, migrate, warm-cache      (password: MYSQL_TOOLS_PASSWORD)
#   forecap_exporter  mysqld-exporter: status and process list    (password: MYSQL_EXPORTER_PASSWORD)
# The image sources this file when it is not executable, so everything runs in a subshell: its shell
# options and variables stay out of the image's entrypoint, and a failure still stops the start.
# Passwords go to the server on standard input only; nothing here prints them.
(
  set -euo pipefail

  : "${MYSQL_ROOT_PASSWORD:?MYSQL_ROOT_PASSWORD must be set}"
  : "${MYSQL_PASSWORD:?MYSQL_PASSWORD must be set (password of forecap_user)}"
  tools_password="${MYSQL_TOOLS_PASSWORD:-$MYSQL_PASSWORD}"
  exporter_password="${MYSQL_EXPORTER_PASSWORD:-$MYSQL_PASSWORD}"

  # A password as an SQL string literal: backslashes and single quotes escaped.
  sql_string() {
    local value="${1//\\/\\\\}"
    value="${value//\'/\'\'}"
    printf "'%s'" "$value"
  }

  echo "02-users.sh: creating forecap_user (SELECT), forecap_tools (forecap_db.*) and forecap_exporter"

  # During initialisation the server listens on its socket only.
  mysql --protocol=socket ${SOCKET:+--socket="$SOCKET"} -uroot -p"$MYSQL_ROOT_PASSWORD" <<SQL
CREATE USER IF NOT EXISTS 'forecap_user'@'%' IDENTIFIED BY $(sql_string "$MYSQL_PASSWORD");
GRANT SELECT ON forecap_db.* TO 'forecap_user'@'%';

CREATE USER IF NOT EXISTS 'forecap_tools'@'%' IDENTIFIED BY $(sql_string "$tools_password");
GRANT ALL PRIVILEGES ON forecap_db.* TO 'forecap_tools'@'%';

CREATE USER IF NOT EXISTS 'forecap_exporter'@'%' IDENTIFIED BY $(sql_string "$exporter_password")
  WITH MAX_USER_CONNECTIONS 3;
GRANT PROCESS, REPLICATION CLIENT ON *.* TO 'forecap_exporter'@'%';
GRANT SELECT ON performance_schema.* TO 'forecap_exporter'@'%';

FLUSH PRIVILEGES;
SQL

  echo "02-users.sh: accounts ready"
)
