#!/usr/bin/env bash
# Bytes per cached user with the built-in (synthetic-trained) zstd dictionary and with one trained by
# `forecap cache-dictionary train`, for two data sets on a scratch database and a private Redis (both
# removed at the end): the synthetic users, and an "imported" sample, the same users exported to CSV with
# the kind of text a real export has instead of the synthetic placeholders (CDN image URLs, longer
# descriptions), imported with `forecap import`. The figures are the cached value's size (format byte +
# zstd frame), averaged over held-out recaps the dictionary did not see.
#
#   perf-tests/dictionary-figures.sh [USERS]     # default 20000; needs the built jar, mysql client, redis-server
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/java-env.sh
USERS=${1:-20000}
WORK=$(mktemp -d)
DB=forecap_perf_dict_$$
PORT=$((20000 + $$ % 10000))
export MYSQL_HOST=${MYSQL_HOST:-127.0.0.1} MYSQL_USER=${MYSQL_USER:-root} MYSQL_PASSWORD=${MYSQL_PASSWORD:-} MYSQL_DATABASE=$DB
export REDIS_HOST=127.0.0.1 REDIS_PORT=$PORT
JAR=bootstrap/target/forecap.jar
redis-server --port "$PORT" --save '' --appendonly no >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
trap 'kill $REDIS_PID; mysql -h"$MYSQL_HOST" -u"$MYSQL_USER" ${MYSQL_PASSWORD:+-p"$MYSQL_PASSWORD"} -e "DROP DATABASE IF EXISTS $DB"; rm -rf "$WORK"' EXIT
sleep 1
java -jar $JAR migrate >/dev/null

echo "== synthetic data set, $USERS users"
java -jar $JAR generate-test-data "$USERS" >/dev/null 2>&1
java -jar $JAR cache-dictionary train --sample 4000

echo "== imported sample: the same users with an export's text, $USERS users"
java -jar $JAR generate-test-data "$USERS" --to-file "$WORK/synthetic.csv" >/dev/null 2>&1
sed -e 's#/img/p\([0-9]*\)\.png#https://cdn.forecap.co.id/assets/menu/2025/product-\1-640x640.webp#g' \
    -e 's#/img/s\([0-9]*\)\.png#https://cdn.forecap.co.id/assets/stores/store-\1-cover.webp#g' \
    -e 's#Poin kamu cukup untuk#Selamat! Poin Forecap Rewards kamu tahun ini cukup untuk ditukar dengan#g' \
    "$WORK/synthetic.csv" > "$WORK/export.csv"
head -c 400 "$WORK/export.csv" | tail -c 250; echo
java -jar $JAR import "$WORK/export.csv" 2>/dev/null
redis-cli -p "$PORT" DEL user:recap:dictionary >/dev/null
java -jar $JAR cache-dictionary train --sample 4000
