#!/usr/bin/env bash
# forecap import measured against a raw LOAD DATA of the same rows, in the same run, on a scratch database
# (created and dropped here): USERS synthetic users written as CSV and XLSX by the generator's hidden
# --to-file option, then, alternating, a raw `LOAD DATA LOCAL INFILE` of the CSV with the mysql client and
# `forecap import` of the same CSV (each into an emptied table), then `forecap import` of the XLSX.
# Peak memory and CPU time (user + system) of each import from /usr/bin/time -v. The imports run with the
# launchers' JVM flags (bin/jvm-options, as `./run.sh import` and the image run them) unless JAVA_OPTS
# says otherwise (JAVA_OPTS=" " for a plain `java -jar`). Files are kept in WORK (default: a new temp dir).
#
#   perf-tests/import-benchmark.sh [USERS]        # default 1000000; needs the built jar and the mysql client
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/java-env.sh
USERS=${1:-1000000}
ROUNDS=${ROUNDS:-2}
JAVA_OPTS=${JAVA_OPTS:-$(cat bin/jvm-options)}
WORK=${WORK:-$(mktemp -d)}
DB=forecap_perf_import_$$
export MYSQL_HOST=${MYSQL_HOST:-127.0.0.1} MYSQL_USER=${MYSQL_USER:-root} MYSQL_PASSWORD=${MYSQL_PASSWORD:-} MYSQL_DATABASE=$DB
JAR=bootstrap/target/forecap.jar
sql() { mysql --local-infile=1 -h"$MYSQL_HOST" -u"$MYSQL_USER" ${MYSQL_PASSWORD:+-p"$MYSQL_PASSWORD"} "$@"; }
trap 'sql -e "DROP DATABASE IF EXISTS $DB"' EXIT
now() { date +%s.%N; }
rate() { awk -v n="$USERS" -v s="$1" 'BEGIN { printf "%.1f s, %.0f rows/s", s, n / s }'; }
rss() { awk -F: '/Maximum resident set size/ { printf "%.0f MB", $2 / 1024 }' "$1"; }
cpu() { awk -F: '/User time|System time/ { s += $2 } END { printf "%.1f s", s }' "$1"; }
echo "import JVM flags: ${JAVA_OPTS:-none}"

java -jar $JAR migrate
[ -f "$WORK/users.csv" ] || java -jar $JAR generate-test-data "$USERS" --to-file "$WORK/users.csv" 2>/dev/null
[ -f "$WORK/users.xlsx" ] || java -jar $JAR generate-test-data "$USERS" --to-file "$WORK/users.xlsx" 2>/dev/null
ls -l "$WORK"/users.csv "$WORK"/users.xlsx

NULLABLE="variant_count total_point total_point_description total_point_possible_redeem total_point_product_name
 total_point_image delivery_count pickup_count cheaper_subs_desc cheaper_subs_amount top_ranking list_circular_images
 list_product_favorite list_favorite_store"
COLUMNS="user_id, user_name, trx_count"; SETS=""
for c in $NULLABLE; do COLUMNS="$COLUMNS, @$c"; SETS="$SETS${SETS:+, }$c = NULLIF(@$c, '')"; done
RAW="LOAD DATA LOCAL INFILE '$WORK/users.csv' REPLACE INTO TABLE user_recap_data CHARACTER SET utf8mb4
 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '' LINES TERMINATED BY '\n' IGNORE 1 LINES
 ($COLUMNS) SET $SETS"

for round in $(seq 1 "$ROUNDS"); do
  sql "$DB" -e "TRUNCATE TABLE user_recap_data"
  t0=$(now); sql "$DB" -e "$RAW"; t1=$(now)
  echo "round $round raw LOAD DATA: $(rate "$(echo "$t1 - $t0" | bc)")"
  sql "$DB" -e "TRUNCATE TABLE user_recap_data"
  t0=$(now); /usr/bin/time -v -o "$WORK/time-csv-$round.txt" java $JAVA_OPTS -jar $JAR import "$WORK/users.csv" 2>/dev/null; t1=$(now)
  echo "round $round forecap import CSV: $(rate "$(echo "$t1 - $t0" | bc)"), CPU $(cpu "$WORK/time-csv-$round.txt"), max RSS $(rss "$WORK/time-csv-$round.txt")"
done
sql "$DB" -e "TRUNCATE TABLE user_recap_data"
t0=$(now); /usr/bin/time -v -o "$WORK/time-xlsx.txt" java $JAVA_OPTS -jar $JAR import "$WORK/users.xlsx" 2>/dev/null; t1=$(now)
echo "forecap import XLSX: $(rate "$(echo "$t1 - $t0" | bc)"), CPU $(cpu "$WORK/time-xlsx.txt"), max RSS $(rss "$WORK/time-xlsx.txt")"
java -jar $JAR verify-test-data --expect "$USERS" | tail -1
