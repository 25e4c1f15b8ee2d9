#!/usr/bin/env bash
# The quick cold-start loop used to choose settings on 2026-12-04 (perf-tests/results/2026-12-04-first-seconds.md):
# empties a private Redis on REDIS_PORT (default 6390, started by hand: redis-server --port 6390 --save ''),
# starts COMMAND with the MySQL + Redis environment, waits for READY (default /health/ready), then six 5 s
# slices of the realistic mix over 1M users with wrk, 64 connections; prints req/s and p99 per slice, the
# process's CPU seconds and peak RSS; for a JVM also what its JIT compiler threads used before ready and in each
# slice (CPU seconds of the threads named "C1/C2 CompilerThread").
#   bash perf-tests/results/2026-12-04-cold-slices.sh NAME PORT COMMAND...
set -euo pipefail
NAME=$1; PORT=$2; shift 2
cd "$(dirname "$0")/../.."
REDIS_PORT=${REDIS_PORT:-6390}
OUT=${OUT:-/tmp/cold-slices}
mkdir -p "$OUT"
redis-cli -p "$REDIS_PORT" flushall > /dev/null
# one load generator asks for many users from one address: the user budget (USER_BUDGET, added later) is off
export USER_BUDGET=${USER_BUDGET:-0}
export MYSQL_HOST=127.0.0.1 MYSQL_USER=root MYSQL_DATABASE=forecap_perf MYSQL_PORT=3306 MYSQL_PASSWORD= REDIS_HOST=127.0.0.1 \
  REDIS_PORT PORT AUTH_SIGNATURE_SECRET=forecap2025 GIN_MODE=release NODE_ENV=production LOG_FORMAT=text
t0=$(date +%s.%N)
"$@" > "$OUT/$NAME.log" 2>&1 &
PID=$!
READY=${READY:-/health/ready}
for _ in $(seq 1 2000); do [ "$(curl -s -o /dev/null -w '%{http_code}' "localhost:$PORT$READY")" = 200 ] && break; sleep 0.005; done
echo "$NAME ready after $(echo "$(date +%s.%N) - $t0" | bc) s"
c0=$(awk '{print $14+$15}' "/proc/$PID/stat")
# CPU seconds of the JIT compiler threads so far (0 for a process without them)
jit_cpu() {
  local ticks=0 t
  for t in /proc/"$PID"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      C1\ Compiler*|C2\ Compiler*) ticks=$((ticks + $(sed 's/.*) //' "$t/stat" | awk '{print $12+$13}'))) ;;
    esac
  done
  echo "scale=2; $ticks / $(getconf CLK_TCK)" | bc
}
j0=$(jit_cpu)
echo "  jit cpu s before ready: $j0"
for s in 1 2 3 4 5 6; do
  MIX=realistic MAX_USER_ID=1000000 wrk -t2 -c64 -d5s -s perf-tests/wrk/recap.lua --latency "http://127.0.0.1:$PORT" > "$OUT/$NAME-$s.txt"
  j1=$(jit_cpu)
  echo "  slice $s: $(awk '/Requests\/sec/ {print $2}' "$OUT/$NAME-$s.txt") req/s p99 $(awk '$1=="99%" {print $2}' "$OUT/$NAME-$s.txt") jit cpu s $(echo "$j1 - $j0" | bc)"
  j0=$j1
done
c1=$(awk '{print $14+$15}' "/proc/$PID/stat")
echo "  cpu s: $(echo "($c1 - $c0)/$(getconf CLK_TCK)" | bc -l | cut -c1-5) $(grep VmHWM "/proc/$PID/status")"
kill "$PID"; wait "$PID" 2>/dev/null || true
