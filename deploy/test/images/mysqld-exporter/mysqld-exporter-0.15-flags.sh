#!/bin/sh
# mysqld-exporter 0.15's connection flags for the 0.14 binary of the stand-in:
#   --mysqld.address=HOST:PORT --mysqld.username=USER, password in MYSQLD_EXPORTER_PASSWORD
# become DATA_SOURCE_NAME=USER:PASSWORD@(HOST:PORT)/ ; every other argument is passed on.
set -e
address=localhost:3306
username=root
for arg in "$@"; do
  shift
  case "$arg" in
    --mysqld.address=*) address="${arg#*=}" ;;
    --mysqld.username=*) username="${arg#*=}" ;;
    *) set -- "$@" "$arg" ;;
  esac
done
DATA_SOURCE_NAME="${username}:${MYSQLD_EXPORTER_PASSWORD:-}@(${address})/"
export DATA_SOURCE_NAME
exec /usr/bin/prometheus-mysqld-exporter "$@"
