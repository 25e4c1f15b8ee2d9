#!/usr/bin/env bash
# Compiler and warm-up settings for the first seconds (perf-tests/results/2026-12-04-first-seconds.md, the 2026-12-05 and 2026-12-06 sections),
# each against the ahead-of-time cache as run.sh uses it, beside the Go port (../shared/peers/build-go.sh, GO_BIN),
# with the cold-start loop of 2026-12-04 (six 5 s slices of the realistic mix from ready, a private Redis on 6390
# emptied first, 1M users in forecap_perf), ROUNDS rounds (default 2). The cache is trained once as run.sh trains it.
#   bash perf-tests/results/2026-12-05-compiler-settings.sh eager   # -XX:+AOTCompileEagerly (JDK 25, experimental):
#                                                                   # compile what the training compiled as soon as
#                                                                   # its classes are initialised
#   bash perf-tests/results/2026-12-05-compiler-settings.sh jit     # -XX:CICompilerCount=4 (three C2 threads instead
#                                                                   # of one on 2 CPUs), -XX:CompileThresholdScaling=0.25
#   bash perf-tests/results/2026-12-05-compiler-settings.sh priority  # compiler threads at nice 5 and 10
#                                                                   # (-XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=N)
#   bash perf-tests/results/2026-12-05-compiler-settings.sh tier4     # C2 later: its thresholds four times the default,
#                                                                   # the profiled C1 code serving longer
#   bash perf-tests/results/2026-12-05-compiler-settings.sh warm-up   # the start-up warm-up at 3 s and 10 s instead of
#                                                                   # 600 ms (forecap.warm-up)
# The cold-start loop also prints the CPU seconds of the JIT's compiler threads before ready and in each slice.
set -uo pipefail
EXPERIMENT=${1:?eager, jit, priority, tier4 or warm-up}
cd "$(dirname "$0")/../.."
. bin/java-env.sh
redis-cli -p 6390 ping >/dev/null 2>&1 || redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly no \
  --daemonize yes --logfile /tmp/redis-6390.log
sleep 0.5
export MYSQL_HOST=127.0.0.1 MYSQL_USER=root MYSQL_DATABASE=forecap_perf MYSQL_PASSWORD= REDIS_HOST=127.0.0.1 REDIS_PORT=6390
OPTS=$(cat bin/jvm-options)
JAR=${JAR:-bootstrap/target/forecap.jar}
WORK=${WORK:-/tmp/compiler-settings}
AOT=$WORK/forecap.aot
mkdir -p "$WORK"
if [ ! -f "$AOT" ] || [ "$JAR" -nt "$AOT" ]; then
  PORT=0 FORECAP_WARM_UP=PT5S java $OPTS -XX:AOTCacheOutput=$AOT -jar $JAR serve --exit-after-warm-up > "$WORK/training.log" 2>&1
  redis-cli -p 6390 flushall >/dev/null
fi
case $EXPERIMENT in
  eager) VARIANTS=("eager=-XX:+UnlockExperimentalVMOptions -XX:+AOTCompileEagerly") ;;
  jit) VARIANTS=("c4=-XX:CICompilerCount=4" "scale=-XX:CompileThresholdScaling=0.25") ;;
  priority) VARIANTS=("nice5=-XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=5"
      "nice10=-XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=10") ;;
  tier4) VARIANTS=("tier4x4=-XX:Tier4InvocationThreshold=20000 -XX:Tier4MinInvocationThreshold=2400 -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=160000") ;;
  warm-up) VARIANTS=("warm3s=-Dforecap.warm-up=PT3S" "warm10s=-Dforecap.warm-up=PT10S") ;;
  *) echo "unknown experiment: $EXPERIMENT (eager, jit, priority, tier4 or warm-up)" >&2; exit 2 ;;
esac
slices() { OUT=$1 bash perf-tests/results/2026-12-04-cold-slices.sh "${@:2}"; }
for r in $(seq 1 "${ROUNDS:-2}"); do
  out=$WORK/$EXPERIMENT-r$r
  READY=/health slices "$out" go 3902 "${GO_BIN:-/tmp/peer-ports/go/forecap-go}"
  slices "$out" aot 3901 java $OPTS -XX:AOTCache=$AOT -Xlog:aot*=error -jar $JAR
  port=3903
  for variant in "${VARIANTS[@]}"; do
    slices "$out" "${variant%%=*}" $port java $OPTS ${variant#*=} -XX:AOTCache=$AOT -Xlog:aot*=error -jar $JAR
    port=$((port + 1))
  done
  grep -h "started" "$out"/*.log | sed 's/.*port=[0-9]* /  /'
done
