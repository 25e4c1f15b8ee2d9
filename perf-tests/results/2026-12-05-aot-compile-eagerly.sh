#!/usr/bin/env bash
# JDK 25's experimental -XX:+AOTCompileEagerly (compile the methods the training run compiled as soon as their
# classes are initialised, from the cache's training data) against the ahead-of-time cache as run.sh uses it,
# beside the Go port (../shared/peers/build-go.sh), with the cold-start loop of 2026-12-04 (six 5 s slices of the
# realistic mix from ready, a private Redis on 6390 emptied first, 1M users in forecap_perf), ROUNDS rounds.
# The cache is trained once as run.sh trains it. Results: perf-tests/results/2026-12-04-first-seconds.md.
#   bash perf-tests/results/2026-12-05-aot-compile-eagerly.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
. bin/java-env.sh
redis-cli -p 6390 ping >/dev/null 2>&1 || redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --logfile /tmp/redis-6390.log
sleep 0.5
export MYSQL_HOST=127.0.0.1 MYSQL_USER=root MYSQL_DATABASE=forecap_perf MYSQL_PASSWORD= REDIS_HOST=127.0.0.1 REDIS_PORT=6390
OPTS=$(cat bin/jvm-options)
JAR=${JAR:-bootstrap/target/forecap.jar}
AOT=${AOT:-/tmp/eager/forecap.aot}
mkdir -p /tmp/eager
if [ ! -f "$AOT" ]; then
  PORT=0 FORECAP_WARM_UP=PT5S java $OPTS -XX:AOTCacheOutput=$AOT -jar $JAR serve --exit-after-warm-up > /tmp/eager/training.log 2>&1
  redis-cli -p 6390 flushall >/dev/null
fi
for r in $(seq 1 ${ROUNDS:-2}); do
  OUT=/tmp/eager/r$r READY=/health bash perf-tests/results/2026-12-04-cold-slices.sh go 3902 ${GO_BIN:-/tmp/peer-ports/go/forecap-go}
  OUT=/tmp/eager/r$r bash perf-tests/results/2026-12-04-cold-slices.sh aot 3901 java $OPTS -XX:AOTCache=$AOT -Xlog:aot*=error -jar $JAR
  OUT=/tmp/eager/r$r bash perf-tests/results/2026-12-04-cold-slices.sh eager 3903 java $OPTS -XX:AOTCache=$AOT -Xlog:aot*=error -XX:+UnlockExperimentalVMOptions -XX:+AOTCompileEagerly -jar $JAR
  grep -h "started" /tmp/eager/r$r/aot.log /tmp/eager/r$r/eager.log | sed 's/.*port=[0-9]* /  /'
done
