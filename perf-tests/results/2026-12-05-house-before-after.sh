#!/usr/bin/env bash
# The house's second pass, before and after, in one run (perf-tests/results/2026-12-05-house-before-after.md):
# this build (bootstrap/target/forecap.jar) beside the build before the pass (BEFORE_JAR: the jar of 500f99d
# with its libs/ beside it), both started as the launchers start them (bin/jvm-options, no ahead-of-time
# cache), on the same 1M users in the local MariaDB (forecap_perf, `forecap generate-test-data 1000000`).
#   1. the request path: perf-tests/compare.sh, realistic and hot set, 2 rounds in alternating order;
#   2. the import: the same 1M-row CSV imported into an emptied scratch table by each build in turn,
#      ROUNDS rounds (default 3), wall time, CPU and peak RSS from /usr/bin/time -v.
#   bash perf-tests/results/2026-12-05-house-before-after.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/java-env.sh
BEFORE_JAR=${BEFORE_JAR:-/work/before/forecap.jar}
AFTER_JAR=bootstrap/target/forecap.jar
OUT=${1:-perf-tests/results/2026-12-05-house-before-after}
ROUNDS=${ROUNDS:-3}
USERS=1000000
OPTS=$(cat bin/jvm-options)
export MYSQL_HOST=127.0.0.1 MYSQL_USER=root MYSQL_PASSWORD= MYSQL_DATABASE=forecap_perf

perf-tests/compare.sh --out "$OUT" --rounds 2 --users "$USERS" \
  --candidate "after=3911=java $OPTS -jar $AFTER_JAR" \
  --candidate "before=3912=java $OPTS -jar $BEFORE_JAR" \
  realistic hot

WORK=${WORK:-$(mktemp -d)}
DB=forecap_house_import_$$
sql() { mysql -h"$MYSQL_HOST" -u"$MYSQL_USER" "$@"; }
trap 'sql -e "DROP DATABASE IF EXISTS $DB"' EXIT
sql -e "CREATE DATABASE $DB"
MYSQL_DATABASE=$DB java -jar "$AFTER_JAR" migrate > /dev/null
[ -f "$WORK/users.csv" ] || java -jar "$AFTER_JAR" generate-test-data "$USERS" --to-file "$WORK/users.csv" 2>/dev/null
now() { date +%s.%N; }
{
  echo "| round | build | wall | rows/s | CPU (user + system) | peak RSS |"
  echo "|---|---|---|---|---|---|"
  for round in $(seq 1 "$ROUNDS"); do
    order="after before"; [ $((round % 2)) -eq 0 ] && order="before after"
    for build in $order; do
      jar=$AFTER_JAR; [ "$build" = before ] && jar=$BEFORE_JAR
      sql "$DB" -e "TRUNCATE TABLE user_recap_data; DROP TABLE IF EXISTS forecap_import_progress"
      t0=$(now)
      MYSQL_DATABASE=$DB /usr/bin/time -v -o "$WORK/time.txt" java $OPTS -jar "$jar" import "$WORK/users.csv" > /dev/null 2>&1
      t1=$(now)
      awk -v n="$USERS" -v s="$(echo "$t1 - $t0" | bc)" -v r="$round" -v b="$build" -F: '
        /User time|System time/ { cpu += $2 } /Maximum resident set size/ { rss = $2 / 1024 }
        END { printf "| %s | %s | %.1f s | %.0f | %.1f s | %.0f MB |\n", r, b, s, n / s, cpu, rss }' "$WORK/time.txt"
    done
  done
} | tee "$OUT/import.md"
