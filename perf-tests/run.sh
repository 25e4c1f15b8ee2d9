#!/usr/bin/env bash
# Local load harness: starts the service, drives it with wrk using the k6 scripts' id mixes, and
# writes a dated results folder with report.md and charts (perf-tests/results/<date>-<mode>/).
#
#   perf-tests/run.sh [options] [SCENARIO...]
#
# Scenarios (default: all, in this order):
#   cold-start the first 30 s of a service just started: no JVM warm-up and, in mysql-redis mode, Redis
#              emptied first (FLUSHDB of REDIS_DB) and no pre-warming: the realistic mix, measured in six
#              slices of 5 s so the report shows errors, latency and the cache hit ratio over time. It runs
#              on its own service process, before the others start theirs.
#   realistic  the guide's mix: 50% of ids in 1..1M, 30% in 1..5M, 20% in 1..USERS (capped at USERS)
#   hot        10,000 users (everything cached)
#   cold       uniform over all users
#   ceiling    GET /health/live, a constant body from the same server: the machine's limit
# Options:
#   --mode embedded|mysql-redis  embedded data set (default), or MySQL + Redis from MYSQL_*/REDIS_* variables
#                                (defaults: MYSQL_HOST=127.0.0.1 MYSQL_USER=root MYSQL_DATABASE=forecap_perf,
#                                REDIS_HOST=127.0.0.1 REDIS_DB=5)
#   --users N        users in the data set (default 100000 embedded, 1000000 mysql-redis)
#   --generate       mysql-redis: create the schema and generate missing users first (resumable)
#   --warm           mysql-redis: pre-warm Redis with every user before the runs (after cold-start, which
#                    empties Redis first)
#   --runs N         measured runs per scenario (default 3); the report gives medians and spread
#   --duration D     length of one run (default 7s); --warmup D before the runs of a scenario (default 3s)
#   --jvm-warmup D   realistic load once before the first scenario, so the JIT has compiled the
#                    request path before anything is measured (default 10s)
#   --connections N  (default 64)   --threads N (default 2)   --port N (default 3900)
#   --out DIR        results folder (default perf-tests/results/<UTC date>-<mode>)
# Traffic goes to 127.0.0.1 only. Needs wrk (installed with apt-get when missing and run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. bin/java-env.sh

COMMAND="perf-tests/run.sh${*:+ $*}"
MODE=embedded USERS="" RUNS=3 DURATION=7s WARMUP=3s JVM_WARMUP=10s CONNECTIONS=64 THREADS=2 PORT=3900 OUT="" GENERATE=0 WARM=0
SCENARIOS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --mode) MODE=$2; shift 2 ;;
    --users) USERS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --jvm-warmup) JVM_WARMUP=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --generate) GENERATE=1; shift ;;
    --warm) WARM=1; shift ;;
    cold-start|realistic|hot|cold|ceiling) SCENARIOS+=("$1"); shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see perf-tests/run.sh --help)" >&2; exit 2 ;;
  esac
done
[ ${#SCENARIOS[@]} -gt 0 ] || SCENARIOS=(cold-start realistic hot cold ceiling)
case "$MODE" in
  embedded) USERS=${USERS:-100000} ;;
  mysql-redis) USERS=${USERS:-1000000} ;;
  *) echo "run.sh: --mode must be embedded or mysql-redis, was '$MODE'" >&2; exit 2 ;;
esac
[[ "$USERS" =~ ^[0-9]+$ && "$RUNS" =~ ^[0-9]+$ && "$RUNS" -ge 1 ]] || { echo "run.sh: --users and --runs must be positive numbers" >&2; exit 2; }
OUT=${OUT:-perf-tests/results/$(date -u +%Y-%m-%d)-$MODE}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing wrk" >&2
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq wrk >/dev/null; }
  else
    echo "run.sh: wrk is missing: sudo apt-get install wrk" >&2; exit 2
  fi
fi
if [ ! -f bootstrap/target/forecap.jar ] || [ ! -f perf-tests/target/forecap-perf-tests.jar ]; then
  echo "building" >&2
  ./mvnw -B -q -DskipTests package
fi

JAR=bootstrap/target/forecap.jar
# the launcher's flags (bin/jvm-options) unless JAVA_OPTS says otherwise
JAVA_OPTS=${JAVA_OPTS:-$(cat bin/jvm-options)}
export PORT HOST=127.0.0.1
# one load generator on one address reads every user: the enumeration budget would refuse it
export USER_BUDGET=${USER_BUDGET:-0}
if [ "$MODE" = embedded ]; then
  export EMBEDDED_USERS=$USERS FORECAP_STORE=embedded
  unset MYSQL_HOST MYSQL_URL REDIS_HOST || true
else
  export MYSQL_HOST=${MYSQL_HOST:-127.0.0.1} MYSQL_USER=${MYSQL_USER:-root} MYSQL_DATABASE=${MYSQL_DATABASE:-forecap_perf}
  export REDIS_HOST=${REDIS_HOST:-127.0.0.1} REDIS_DB=${REDIS_DB:-5}
  if [ "$GENERATE" = 1 ]; then
    java -jar "$JAR" migrate
    java -jar "$JAR" generate-test-data "$USERS"
  fi
fi

STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
URL="http://127.0.0.1:$PORT"
PID=""
cleanup() { [ -z "$PID" ] || { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }; }
trap cleanup EXIT
start_service() {
  echo "starting the service ($MODE, $USERS users) on 127.0.0.1:$PORT" >&2
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" > "$1" 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do
    if curl -fs -o /dev/null "$URL/health/ready"; then break; fi
    kill -0 "$PID" 2>/dev/null || { echo "run.sh: the service exited; see $1" >&2; exit 1; }
    sleep 0.25
  done
  curl -fs -o /dev/null "$URL/health/ready" || { echo "run.sh: the service did not become ready; see $1" >&2; exit 1; }
}
CLK_TCK=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
process_properties() {
  cat > "$1/process.properties" <<PROPS
cpu_ticks_before=$2
cpu_ticks_after=$3
wall_seconds=$4
clk_tck=$CLK_TCK
cpus=$(nproc)
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
PROPS
}

if [[ " ${SCENARIOS[*]} " == *" cold-start "* ]]; then
  dir="$OUT/cold-start"
  mkdir -p "$dir"
  if [ "$MODE" = mysql-redis ]; then
    redis-cli -h "$REDIS_HOST" -p "${REDIS_PORT:-6379}" -n "$REDIS_DB" FLUSHDB > /dev/null
    echo "cold-start: Redis database $REDIS_DB emptied" >&2
  fi
  start_service "$dir/service.log"
  export MIX=realistic MAX_USER_ID=$USERS
  echo "scenario cold-start: 6 x 5s from the moment the service is ready, no warm-up" >&2
  curl -fs "$URL/metrics" > "$dir/metrics-before.txt"
  cp "$dir/metrics-before.txt" "$dir/metrics-0.txt"
  before=$(ticks); started=$(date +%s.%N)
  for slice in 1 2 3 4 5 6; do
    WRK_JSON="$dir/run-$slice.json" wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s perf-tests/wrk/recap.lua --latency "$URL" \
      > "$dir/wrk-$slice.txt"
    curl -fs "$URL/metrics" > "$dir/metrics-$slice.txt"
    grep -E "Requests/sec|99%|Non-2xx" "$dir/wrk-$slice.txt" | tr -s ' ' | tr '\n' ' ' >&2; echo >&2
  done
  after=$(ticks); ended=$(date +%s.%N)
  cp "$dir/metrics-6.txt" "$dir/metrics-after.txt"
  process_properties "$dir" "$before" "$after" "$(echo "$ended - $started" | bc -l)"
  cleanup
  PID=""
fi
REST=()
for scenario in "${SCENARIOS[@]}"; do [ "$scenario" = cold-start ] || REST+=("$scenario"); done
if [ "$WARM" = 1 ] && [ "$MODE" = mysql-redis ] && [ ${#REST[@]} -gt 0 ]; then
  # after the cold start, which empties Redis first
  java -jar "$JAR" warm-cache --ids "1-$USERS"
fi

if [ ${#REST[@]} -gt 0 ]; then
start_service "$OUT/service.log"

echo "JVM warm-up: $JVM_WARMUP of realistic load" >&2
MIX=realistic MAX_USER_ID=$USERS WRK_JSON= wrk -t"$THREADS" -c"$CONNECTIONS" -d"$JVM_WARMUP" -s perf-tests/wrk/recap.lua "$URL" > /dev/null

for scenario in "${REST[@]}"; do
  dir="$OUT/$scenario"
  mkdir -p "$dir"
  case "$scenario" in
    realistic) export MIX=realistic MAX_USER_ID=$USERS ;;
    hot) export MIX=hot HOT_USERS=10000 MAX_USER_ID=$USERS ;;
    cold) export MIX=cold MAX_USER_ID=$USERS ;;
    ceiling) export MIX=ceiling ;;
  esac
  echo "scenario $scenario: warm-up $WARMUP, then $RUNS x $DURATION" >&2
  WRK_JSON= wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s perf-tests/wrk/recap.lua "$URL" > /dev/null
  curl -fs "$URL/metrics" > "$dir/metrics-before.txt"
  before=$(ticks); started=$(date +%s.%N)
  for run in $(seq 1 "$RUNS"); do
    WRK_JSON="$dir/run-$run.json" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s perf-tests/wrk/recap.lua --latency "$URL" \
      > "$dir/wrk-$run.txt"
    grep -E "Requests/sec|99%" "$dir/wrk-$run.txt" | tr -s ' ' | tr '\n' ' ' >&2; echo >&2
  done
  after=$(ticks); ended=$(date +%s.%N)
  curl -fs "$URL/metrics" > "$dir/metrics-after.txt"
  process_properties "$dir" "$before" "$after" "$(echo "$ended - $started" | bc -l)"
done
fi

cleanup
trap - EXIT
cat > "$OUT/run.properties" <<PROPS
command=$COMMAND
date=$STARTED_AT
mode=$MODE
users=$USERS
tool=wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}')
connections=$CONNECTIONS
threads=$THREADS
runs=$RUNS
duration=$DURATION
warmup=$WARMUP (plus $JVM_WARMUP of realistic load before the first scenario; none for cold-start)
cpus=$(nproc)
memory_mb=$(awk '/MemTotal/ {printf "%d", $2/1024}' /proc/meminfo)
cpu_model=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
kernel=Linux $(uname -r)
java=$(java -version 2>&1 | head -1 | tr -d '"')
java_opts=$JAVA_OPTS
service=$(cat "$OUT/service.log" "$OUT/cold-start/service.log" 2>/dev/null | grep -o 'service started: [^"]*' | head -1 | sed 's/service started: //')
PROPS
java -jar perf-tests/target/forecap-perf-tests.jar "$OUT"
