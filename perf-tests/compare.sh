#!/usr/bin/env bash
# Side by side: the guide's Step 7 decision (stick with NestJS or switch to Go) as a command. Starts each
# candidate service in turn on the same MySQL data set, each with its own fresh private Redis, drives it
# with the same wrk load as run.sh, and writes a report that puts the candidates side by side
# (perf-tests/results/<date>-compare/report.md, with charts).
#
#   perf-tests/compare.sh --candidate NAME=PORT=COMMAND --candidate ... [options] [SCENARIO...]
#
# Candidates:
#   --candidate NAME=PORT=COMMAND  a service to measure (NAME: letters, digits, - and _; PORT: where it listens,
#                   exported as PORT). COMMAND is run by bash, as `exec COMMAND` when it is one simple command,
#                   so that the measured process is the service itself (through a wrapper shell the script
#                   follows it to its only child). A leading `cd DIR &&` sets the candidate's directory.
#   --candidate-dir NAME=DIR      working directory of NAME's command (default: the repository root)
#   --ready NAME=PATH             readiness path of NAME (default: /health/ready, or /health when that answers 404)
# Every candidate gets the same environment: PORT, HOST=127.0.0.1, MYSQL_HOST, MYSQL_PORT, MYSQL_DATABASE,
#   MYSQL_USER, MYSQL_PASSWORD (the caller's, defaults 127.0.0.1, 3306, forecap_perf, root, empty),
#   REDIS_HOST=127.0.0.1, REDIS_PORT=<its own redis-server>, AUTH_SIGNATURE_SECRET (default forecap2025),
#   GIN_MODE=release, NODE_ENV=production; REDIS_DB, MYSQL_URL and the other settings that would point a
#   service elsewhere are removed. Before each candidate starts, an empty redis-server (no persistence,
#   127.0.0.1 only) starts on a free port; it is stopped with the candidate.
# Scenarios (default: all three, in this order), for every candidate in every round, on a process started
# for that round:
#   cold-start  from the first 200 of the readiness path, no warm-up: the realistic mix in --slices consecutive
#               wrk runs of --slice each; also the time from launching the command to that first 200
#   realistic   the guide's mix, one run of --duration after --warmup of the same mix
#   hot         10,000 users, one run of --duration after --warmup of the hot mix
# Options:
#   --rounds N       rounds (default 1); the order of the candidates rotates from round to round (with two
#                    candidates it alternates) and the report gives medians over rounds and the spread
#   --alternate      as many rounds as candidates, so that each one goes first once (unless --rounds is given)
#   --users N        users in the database, MAX_USER_ID of the load (default 1000000)
#   --slices N       cold-start slices (default 6)      --slice S     their length (default 5s)
#   --duration S     measured run of realistic and hot (default 15s)
#   --warmup S       load before each of realistic and hot (default 10s)
#   --ready-timeout S  how long a candidate may take to become ready (default 120s)
#   --connections N  (default 64)   --threads N (default 2)
#   --redis-maxmemory SIZE  maxmemory of the private redis-servers (default: none), e.g. 2gb
#   --out DIR        results folder (default perf-tests/results/<UTC date>-compare); must not hold a comparison
# Lengths are whole seconds (15 or 15s). Traffic goes to 127.0.0.1 only. Every process started here (the
# candidates with their process groups, the redis-servers, wrk) is stopped on exit, Ctrl-C included.
# Needs wrk, redis-server, redis-cli and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. bin/java-env.sh

quote() { # one argument as the shell would need it typed
  if [[ "$1" =~ ^[A-Za-z0-9_./=:,@%+-]+$ ]]; then printf '%s' "$1"; else printf "'%s'" "${1//\'/\'\\\'\'}"; fi
}
COMMAND="perf-tests/compare.sh"
for arg in "$@"; do COMMAND+=" $(quote "$arg")"; done

die() { echo "compare.sh: $*" >&2; exit 2; }
seconds() { # a length: 15 or 15s
  [[ "$2" =~ ^[0-9]+s?$ ]] || die "$1 must be whole seconds (e.g. 5 or 5s), was '$2'"
  echo "${2%s}"
}
number() { [[ "$2" =~ ^[0-9]+$ && "$2" -ge 1 ]] || die "$1 must be a positive number, was '$2'"; echo "$2"; }

NAMES=() SCENARIOS=()
declare -A PORT_OF=() CMD_OF=() DIR_OF=() READY_OF=()
ROUNDS="" ALTERNATE=0 USERS=1000000 SLICES=6 SLICE=5 DURATION=15 WARMUP=10 READY_TIMEOUT=120 CONNECTIONS=64 THREADS=2
REDIS_MAXMEMORY="" OUT=""
add_candidate() {
  local spec=$1 name port command
  [[ "$spec" == *=*=* ]] || die "--candidate wants NAME=PORT=COMMAND, was '$spec'"
  name=${spec%%=*}; spec=${spec#*=}; port=${spec%%=*}; command=${spec#*=}
  [[ "$name" =~ ^[A-Za-z0-9_-]+$ ]] || die "candidate name '$name' may only have letters, digits, - and _"
  [ -z "${CMD_OF[$name]:-}" ] || die "candidate '$name' is given twice"
  [[ "$port" =~ ^[0-9]+$ && "$port" -ge 1024 && "$port" -le 65535 ]] || die "candidate '$name': port must be 1024-65535, was '$port'"
  for other in "${NAMES[@]}"; do [ "${PORT_OF[$other]}" != "$port" ] || die "candidates '$other' and '$name' share port $port"; done
  if [[ "$command" =~ ^[[:space:]]*cd[[:space:]]+([^;\&|]+[^;\&|[:space:]])[[:space:]]*\&\&[[:space:]]*(.+)$ ]]; then
    DIR_OF[$name]=${BASH_REMATCH[1]}; command=${BASH_REMATCH[2]}
    DIR_OF[$name]=${DIR_OF[$name]#[\"\']}; DIR_OF[$name]=${DIR_OF[$name]%[\"\']}
  fi
  [ -n "${command// /}" ] || die "candidate '$name' has no command"
  NAMES+=("$name"); PORT_OF[$name]=$port; CMD_OF[$name]=$command
}
while [ $# -gt 0 ]; do
  case "$1" in
    --alternate) ALTERNATE=1; shift; continue ;;
    cold-start|realistic|hot) SCENARIOS+=("$1"); shift; continue ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    --candidate|--candidate-dir|--ready|--rounds|--users|--slices|--slice|--duration|--warmup|--ready-timeout|--connections|\
    --threads|--redis-maxmemory|--out) [ $# -ge 2 ] || die "$1 needs a value (see perf-tests/compare.sh --help)" ;;
    *) die "unknown argument '$1' (see perf-tests/compare.sh --help)" ;;
  esac
  case "$1" in
    --candidate) add_candidate "$2" ;;
    --candidate-dir) [[ "$2" == ?*=?* ]] || die "--candidate-dir wants NAME=DIR, was '$2'"; DIR_OF[${2%%=*}]=${2#*=} ;;
    --ready) [[ "$2" == ?*=/* ]] || die "--ready wants NAME=/PATH, was '$2'"; READY_OF[${2%%=*}]=${2#*=} ;;
    --rounds) ROUNDS=$(number "$1" "$2") ;;
    --users) USERS=$(number "$1" "$2") ;;
    --slices) SLICES=$(number "$1" "$2") ;;
    --slice) SLICE=$(seconds "$1" "$2") ;;
    --duration) DURATION=$(seconds "$1" "$2") ;;
    --warmup) WARMUP=$(seconds "$1" "$2") ;;
    --ready-timeout) READY_TIMEOUT=$(seconds "$1" "$2") ;;
    --connections) CONNECTIONS=$(number "$1" "$2") ;;
    --threads) THREADS=$(number "$1" "$2") ;;
    --redis-maxmemory) [[ "$2" =~ ^[0-9]+([kmg]b?)?$ ]] || die "--redis-maxmemory wants a size like 2gb, was '$2'"; REDIS_MAXMEMORY=$2 ;;
    --out) OUT=$2 ;;
  esac
  shift 2
done
[ ${#NAMES[@]} -ge 1 ] || die "give the candidates with --candidate NAME=PORT=COMMAND (see perf-tests/compare.sh --help)"
for name in "${!DIR_OF[@]}" "${!READY_OF[@]}"; do
  [ -n "${CMD_OF[$name]:-}" ] || die "'$name' in --candidate-dir or --ready is not a candidate"
done
for name in "${!DIR_OF[@]}"; do
  [ -d "${DIR_OF[$name]}" ] || die "directory of candidate '$name' does not exist: ${DIR_OF[$name]}"
  DIR_OF[$name]=$(cd "${DIR_OF[$name]}" && pwd)
done
[ "$SLICE" -ge 1 ] && [ "$DURATION" -ge 1 ] || die "--slice and --duration must be at least 1 second"
[ -n "$ROUNDS" ] || { [ "$ALTERNATE" = 1 ] && [ ${#NAMES[@]} -gt 1 ] && ROUNDS=${#NAMES[@]} || ROUNDS=1; }
[ ${#SCENARIOS[@]} -gt 0 ] || SCENARIOS=(cold-start realistic hot)
OUT=${OUT:-perf-tests/results/$(date -u +%Y-%m-%d)-compare}
[ ! -e "$OUT/round-1" ] || die "$OUT already holds a comparison; pass another --out"
for tool in wrk redis-server redis-cli curl; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install wrk redis-server curl)"
done
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for name in "${NAMES[@]}"; do
  if port_in_use "${PORT_OF[$name]}"; then
    echo "compare.sh: something already listens on 127.0.0.1:${PORT_OF[$name]} (candidate '$name'); choose another port" >&2; exit 1
  fi
done
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
if [ ! -f perf-tests/target/forecap-perf-tests.jar ] || ! "$JAVA_HOME/bin/jar" tf perf-tests/target/forecap-perf-tests.jar | grep -q CompareReport; then
  echo "building the report generator" >&2
  ./mvnw -B -q -DskipTests package -pl perf-tests -am
fi

export MYSQL_HOST=${MYSQL_HOST:-127.0.0.1} MYSQL_PORT=${MYSQL_PORT:-3306} MYSQL_DATABASE=${MYSQL_DATABASE:-forecap_perf}
export MYSQL_USER=${MYSQL_USER:-root} MYSQL_PASSWORD=${MYSQL_PASSWORD:-}
export AUTH_SIGNATURE_SECRET=${AUTH_SIGNATURE_SECRET:-forecap2025} MAX_USER_ID=$USERS HOT_USERS=10000
# one load generator on one address reads every user: the enumeration budget would refuse it
export USER_BUDGET=${USER_BUDGET:-0}
CLK_TCK=$(getconf CLK_TCK)
STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# the facts of the run, for the report (a properties file: backslashes doubled)
prop() { local value=${2//\\/\\\\}; printf '%s=%s\n' "$1" "${value//$'\n'/ }"; }
{
  prop command "$COMMAND"; prop date "$STARTED_AT"
  prop candidates "$(IFS=,; echo "${NAMES[*]}")"; prop scenarios "$(IFS=,; echo "${SCENARIOS[*]}")"
  for name in "${NAMES[@]}"; do
    prop "candidate.$name.command" "${CMD_OF[$name]}"; prop "candidate.$name.port" "${PORT_OF[$name]}"
    prop "candidate.$name.dir" "${DIR_OF[$name]:-.}"; prop "candidate.$name.ready" "${READY_OF[$name]:-auto}"
  done
  prop users "$USERS"; prop tool "wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}')"
  prop connections "$CONNECTIONS"; prop threads "$THREADS"; prop rounds "$ROUNDS"
  prop slices "$SLICES"; prop slice_seconds "$SLICE"; prop duration_seconds "$DURATION"; prop warmup_seconds "$WARMUP"
  prop mysql_host "$MYSQL_HOST:$MYSQL_PORT"; prop mysql_database "$MYSQL_DATABASE"
  prop redis "$(redis-server --version | awk '{print $1, $2, $3}')${REDIS_MAXMEMORY:+, maxmemory $REDIS_MAXMEMORY}"
  prop cpus "$(nproc)"; prop memory_mb "$(awk '/MemTotal/ {printf "%d", $2/1024}' /proc/meminfo)"
  prop cpu_model "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"; prop kernel "Linux $(uname -r)"
} > "$OUT/compare.properties"

LAUNCH_PID="" SVC_PID="" REDIS_PID=""
alive() { # running, not a zombie
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}
stop_service() {
  [ -n "$LAUNCH_PID" ] || return 0
  # the candidate runs in its own session: its process group holds it and anything it started
  kill -TERM -- "-$LAUNCH_PID" 2>/dev/null || kill -TERM "$LAUNCH_PID" 2>/dev/null || true
  for _ in $(seq 1 100); do alive "$LAUNCH_PID" || break; sleep 0.1; done
  if pgrep -g "$LAUNCH_PID" >/dev/null 2>&1; then kill -KILL -- "-$LAUNCH_PID" 2>/dev/null || true; fi
  wait "$LAUNCH_PID" 2>/dev/null || true
  LAUNCH_PID="" SVC_PID=""
}
stop_redis() {
  [ -n "$REDIS_PID" ] || return 0
  kill -TERM "$REDIS_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do alive "$REDIS_PID" || break; sleep 0.1; done
  kill -KILL "$REDIS_PID" 2>/dev/null || true
  wait "$REDIS_PID" 2>/dev/null || true
  REDIS_PID=""
}
cleanup() { stop_service; stop_redis; }
trap cleanup EXIT
trap 'echo "compare.sh: interrupted; stopping what it started" >&2; exit 130' INT TERM

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 30000))
    [[ " ${PORT_OF[*]} " != *" $port "* ]] && ! port_in_use "$port" && { echo "$port"; return 0; }
  done
  return 1
}
start_redis() { # dir
  local port
  port=$(free_port) || { echo "compare.sh: no free port for redis-server" >&2; exit 1; }
  # shellcheck disable=SC2086
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no --dir "$1" \
    ${REDIS_MAXMEMORY:+--maxmemory $REDIS_MAXMEMORY --maxmemory-policy allkeys-lru} > "$1/redis.log" 2>&1 < /dev/null &
  REDIS_PID=$!
  for _ in $(seq 1 100); do
    [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ] && { REDIS_PORT=$port; return 0; }
    alive "$REDIS_PID" || break
    sleep 0.05
  done
  echo "compare.sh: redis-server did not start; see $1/redis.log" >&2; exit 1
}
launch() { # name log
  local command=${CMD_OF[$1]}
  # one simple command runs with exec, so the service is the process started here
  [[ "$command" =~ [\;\&\|] || "$command" =~ ^[[:space:]]*[A-Za-z_][A-Za-z0-9_]*= ]] || command="exec $command"
  ( cd "${DIR_OF[$1]:-$ROOT}" && exec setsid env -u REDIS_DB -u REDIS_URL -u REDIS_PASSWORD -u REDIS_USERNAME -u REDIS_TLS \
      -u REDIS_CLUSTER -u REDIS_NODES -u MYSQL_URL -u MYSQL_READER_URL -u MYSQL_READER_HOST -u FORECAP_STORE -u EMBEDDED_USERS \
      PORT="${PORT_OF[$1]}" HOST=127.0.0.1 REDIS_HOST=127.0.0.1 REDIS_PORT="$REDIS_PORT" GIN_MODE=release NODE_ENV=production \
      bash -c "$command" ) > "$2" 2>&1 < /dev/null &
  LAUNCH_PID=$! SVC_PID=$!
}
follow_wrapper() { # a wrapper shell with one child: measure the child
  local child
  while [[ "$(cat "/proc/$SVC_PID/comm" 2>/dev/null)" =~ ^(bash|sh|dash|env|setsid)$ ]]; do
    child=$(pgrep -P "$SVC_PID" || true)
    [[ "$child" =~ ^[0-9]+$ ]] || return 0
    SVC_PID=$child
  done
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
wait_ready() { # name; sets READY_PATH
  local base="http://127.0.0.1:${PORT_OF[$1]}" deadline=$(( $(now_ms) + READY_TIMEOUT * 1000 )) code path paths
  if [ -n "${READY_OF[$1]:-}" ]; then paths=("${READY_OF[$1]}"); else paths=(/health/ready /health); fi
  while [ "$(now_ms)" -lt "$deadline" ]; do
    alive "$LAUNCH_PID" || { FAILED="exited before it was ready (see service.log)"; return 1; }
    for path in "${paths[@]}"; do
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base$path" 2>/dev/null || true)
      [ "$code" != 200 ] || { READY_PATH=$path; return 0; }
      [ "$code" = 404 ] || break   # not ready yet; a 404 means: no such path, try the next
    done
    sleep 0.05
  done
  FAILED="not ready after ${READY_TIMEOUT}s"; return 1
}
ticks() {
  local stat
  stat=$(cat "/proc/$SVC_PID/stat" 2>/dev/null) || { echo 0; return; }
  stat=${stat##*) }
  # shellcheck disable=SC2086
  set -- $stat
  echo $(( ${12} + ${13} ))   # utime + stime, fields 14 and 15 of the whole line
}
status_kb() { awk -v key="$1:" '$1 == key {print $2}' "/proc/$SVC_PID/status" 2>/dev/null || true; }
process_properties() { # dir before after started
  cat > "$1/process.properties" <<PROPS
pid=$SVC_PID
cpu_ticks_before=$2
cpu_ticks_after=$3
wall_seconds=$(echo "$(date +%s.%N) - $4" | bc -l)
clk_tck=$CLK_TCK
cpus=$(nproc)
rss_kb=$(status_kb VmRSS)
hwm_kb=$(status_kb VmHWM)
PROPS
}
wrk_run() { # name mix seconds json txt
  local url="http://127.0.0.1:${PORT_OF[$1]}" rc=0
  MIX=$2 WRK_JSON=$4 timeout --foreground $(( $3 + 30 )) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3s" -s perf-tests/wrk/recap.lua \
    --latency "$url" > "$5" 2>&1 || rc=$?
  # wrk (or timeout) killed by a signal sent to the process group: stop here
  if [ "$rc" -gt 128 ]; then echo "compare.sh: interrupted; stopping what it started" >&2; exit 130; fi
  [ "$rc" = 0 ] || { FAILED="wrk failed with status $rc ($5)"; return 1; }
  alive "$SVC_PID" || { FAILED="exited under load (see service.log)"; return 1; }
}
summary() { grep -E "Requests/sec|99%|Non-2xx|Socket errors" "$1" | tr -s ' ' | tr '\n' ' '; }

run_candidate() { # round name position
  local round=$1 name=$2 dir="$OUT/round-$1/$2" launched ready_ms="" before after started slice scenario mix
  FAILED="" READY_PATH="" STARTUP_TICKS=""
  mkdir -p "$dir"
  start_redis "$dir"
  echo "round $round: $name on 127.0.0.1:${PORT_OF[$name]} (redis-server on $REDIS_PORT)" >&2
  launched=$(now_ms)
  launch "$name" "$dir/service.log"
  if wait_ready "$name"; then
    ready_ms=$(( $(now_ms) - launched ))
    follow_wrapper
    echo "  ready after ${ready_ms} ms ($READY_PATH answered 200; pid $SVC_PID)" >&2
    STARTUP_TICKS=$(ticks)
    for scenario in "${SCENARIOS[@]}"; do
      mkdir -p "$dir/$scenario"
      if [ "$scenario" = cold-start ]; then
        before=$(ticks); started=$(date +%s.%N)
        for slice in $(seq 1 "$SLICES"); do
          wrk_run "$name" realistic "$SLICE" "$dir/$scenario/run-$slice.json" "$dir/$scenario/wrk-$slice.txt" || break
          echo "  cold-start $slice/$SLICES: $(summary "$dir/$scenario/wrk-$slice.txt")" >&2
        done
      else
        mix=$([ "$scenario" = hot ] && echo hot || echo realistic)
        [ "$WARMUP" -eq 0 ] || wrk_run "$name" "$mix" "$WARMUP" "" /dev/null || break
        before=$(ticks); started=$(date +%s.%N)
        wrk_run "$name" "$mix" "$DURATION" "$dir/$scenario/run-1.json" "$dir/$scenario/wrk-1.txt" || true
        [ -n "$FAILED" ] || echo "  $scenario: $(summary "$dir/$scenario/wrk-1.txt")" >&2
      fi
      after=$(ticks)
      [ -n "$FAILED" ] || process_properties "$dir/$scenario" "$before" "$after" "$started"
      [ -z "$FAILED" ] || break
    done
  fi
  [ -z "$FAILED" ] || echo "  $name: $FAILED" >&2
  {
    prop name "$name"; prop position "$3"; prop port "${PORT_OF[$name]}"; prop pid "$SVC_PID"; prop redis_port "$REDIS_PORT"
    prop ready_path "$READY_PATH"; prop ready_ms "$ready_ms"; prop startup_cpu_ticks "$STARTUP_TICKS"; prop clk_tck "$CLK_TCK"
    prop failed "$FAILED"
  } > "$dir/candidate.properties"
  stop_service
  stop_redis
}

per_trial=0
for scenario in "${SCENARIOS[@]}"; do
  case "$scenario" in cold-start) per_trial=$((per_trial + SLICES * SLICE)) ;; *) per_trial=$((per_trial + WARMUP + DURATION)) ;; esac
done
echo "comparing ${NAMES[*]}: $ROUNDS round(s) of ${SCENARIOS[*]}, about $(( per_trial * ROUNDS * ${#NAMES[@]} ))s of load plus start-ups; results in $OUT" >&2
for round in $(seq 1 "$ROUNDS"); do
  # rotate the order, so each candidate runs in each position (with two: alternate)
  for i in $(seq 0 $(( ${#NAMES[@]} - 1 ))); do
    run_candidate "$round" "${NAMES[$(( (i + round - 1) % ${#NAMES[@]} ))]}" "$((i + 1))"
  done
done
trap - EXIT INT TERM
java -jar perf-tests/target/forecap-perf-tests.jar --compare "$OUT"
