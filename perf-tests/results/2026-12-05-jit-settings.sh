#!/usr/bin/env bash
# Two compiler settings against the ahead-of-time cache as run.sh uses it, beside the Go port, with the cold-start
# loop of 2026-12-04 (six 5 s slices of the realistic mix from ready, a private Redis on 6390 emptied first, 1M
# users in forecap_perf), ROUNDS rounds: -XX:CICompilerCount=4 (three C2 threads instead of one on 2 CPUs) and
# -XX:CompileThresholdScaling=0.25 (compile after a quarter of the usual invocations). The cache is trained once
# as run.sh trains it. Results: perf-tests/results/2026-12-04-first-seconds.md.
#   bash perf-tests/results/2026-12-05-jit-settings.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
. bin/java-env.sh
redis-cli -p 6390 ping >/dev/null 2>&1 || redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --logfile /tmp/redis-6390.log
sleep 0.5
export MYSQL_HOST=127.0.0.1 MYSQL_USER=root MYSQL_DATABASE=forecap_perf MYSQL_PASSWORD= REDIS_HOST=127.0.0.1 REDIS_PORT=6390
OPTS=$(cat bin/jvm-options)
JAR=${JAR:-bootstrap/target/forecap.jar}
AOT=${AOT:-/tmp/jit/forecap.aot}
mkdir -p /tmp/jit
if [ ! -f "$AOT" ]; then
  PORT=0 FORECAP_WARM_UP=PT5S java $OPTS -XX:AOTCacheOutput=$AOT -jar $JAR serve --exit-after-warm-up > /tmp/jit/training.log 2>&1
  redis-cli -p 6390 flushall >/dev/null
fi
for r in $(seq 1 ${ROUNDS:-2}); do
  O=/tmp/jit/r$r
  OUT=$O READY=/health bash perf-tests/results/2026-12-04-cold-slices.sh go 3902 ${GO_BIN:-/tmp/peer-ports/go/forecap-go}
  OUT=$O bash perf-tests/results/2026-12-04-cold-slices.sh aot 3901 java $OPTS -XX:AOTCache=$AOT -Xlog:aot*=error -jar $JAR
  OUT=$O bash perf-tests/results/2026-12-04-cold-slices.sh c4 3903 java $OPTS -XX:CICompilerCount=4 -XX:AOTCache=$AOT -Xlog:aot*=error -jar $JAR
  OUT=$O bash perf-tests/results/2026-12-04-cold-slices.sh scale 3904 java $OPTS -XX:CompileThresholdScaling=0.25 -XX:AOTCache=$AOT -Xlog:aot*=error -jar $JAR
  grep -h "started" $O/aot.log $O/c4.log $O/scale.log | sed 's/.*port=[0-9]* /  /'
done
