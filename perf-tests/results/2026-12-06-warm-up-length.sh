#!/usr/bin/env bash
# How long the start-up warm-up would have to run for the first slice after ready to match the Go port
# (perf-tests/results/2026-12-04-first-seconds.md, the 2026-12-06 section): the service as run.sh starts it
# (ahead-of-time cache, warm-up 600 ms) and the same with a warm-up of 3 s and 10 s (FORECAP_WARM_UP), beside the
# Go port (../shared/peers/build-go.sh, GO_BIN), with the cold-start loop of 2026-12-04 (six 5 s slices of the
# realistic mix from ready, a private Redis on 6390 emptied first, 1M users in forecap_perf), which also prints
# the CPU seconds the JIT compiler threads used before ready and in each slice. ROUNDS rounds (default 2).
#   bash perf-tests/results/2026-12-06-warm-up-length.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
. bin/java-env.sh
redis-cli -p 6390 ping >/dev/null 2>&1 || redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly no \
  --daemonize yes --logfile /tmp/redis-6390.log
sleep 0.5
export MYSQL_HOST=127.0.0.1 MYSQL_USER=root MYSQL_DATABASE=forecap_perf MYSQL_PASSWORD= REDIS_HOST=127.0.0.1 REDIS_PORT=6390
OPTS=$(cat bin/jvm-options)
JAR=${JAR:-bootstrap/target/forecap.jar}
WORK=${WORK:-/tmp/warm-up-length}
AOT=$WORK/forecap.aot
mkdir -p "$WORK"
if [ ! -f "$AOT" ] || [ "$JAR" -nt "$AOT" ]; then
  PORT=0 FORECAP_WARM_UP=PT5S java $OPTS -XX:AOTCacheOutput=$AOT -jar $JAR serve --exit-after-warm-up > "$WORK/training.log" 2>&1
  redis-cli -p 6390 flushall >/dev/null
fi
slices() { OUT=$1 bash perf-tests/results/2026-12-04-cold-slices.sh "${@:2}"; }
for r in $(seq 1 "${ROUNDS:-2}"); do
  out=$WORK/r$r
  READY=/health slices "$out" go 3902 "${GO_BIN:-/tmp/peer-ports/go/forecap-go}"
  slices "$out" shipped 3901 java $OPTS -XX:AOTCache=$AOT -Xlog:aot*=error -jar $JAR
  slices "$out" warm3s 3903 env FORECAP_WARM_UP=PT3S java $OPTS -XX:AOTCache=$AOT -Xlog:aot*=error -jar $JAR
  slices "$out" warm10s 3904 env FORECAP_WARM_UP=PT10S java $OPTS -XX:AOTCache=$AOT -Xlog:aot*=error -jar $JAR
  grep -h "started" "$out"/*.log | sed 's/.*port=[0-9]* /  /'
done
