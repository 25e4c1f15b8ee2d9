#!/usr/bin/env bash
# The guide's load test against the production stack: deploy/docker-compose.production.yml under Podman,
# with its images (deploy/test/stack-test.sh builds them) and its per-container CPU and memory limits,
# in a network namespace of its own (forecap-stack) so that its published ports (3000, 3306, 6379, ...)
# do not meet this machine's own MariaDB and Redis. While load runs, every --sample seconds it records
# each container's CPU and memory against its limit, Redis memory, evictions and hit ratio, the
# service's own cache counters and MySQL's buffer pool hit ratio; `report` puts them beside the guide's
# benchmark table, per phase, with charts.
#
#   perf-tests/stack.sh up                          # images, then the stack's six services
#   perf-tests/stack.sh generate 10000000           # generator: generate-test-data, then verify-test-data
#   perf-tests/stack.sh run cold --fresh --seconds 600   # empty Redis, a new API process, then load
#   perf-tests/stack.sh warm-cache --ids 1-6000000  # the generator's warm-cache, sampled
#   perf-tests/stack.sh run warm --seconds 300      # load on what the cache now holds
#   perf-tests/stack.sh go-port /tmp/peer-ports/go/forecap-go   # the Go port in the API's place
#   perf-tests/stack.sh run go-cold --fresh --seconds 600 --ready /health
#   perf-tests/stack.sh report                      # report.md and charts in --out
#   perf-tests/stack.sh down [--volumes]            # stop it all (--volumes: drop the 10M rows too)
#
# Subcommands:
#   up                  builds or keeps the images, writes nothing into deploy/ (settings come from deploy/.env
#                       when it exists, else from deploy/.env.example, with USER_BUDGET=0: one load generator
#                       reads every user), starts mysql, redis, api and the three exporters, waits until healthy
#   generate N [--phase NAME]  the compose file's generator service: generate-test-data N then verify-test-data
#                       --expect N, in --out/NAME (default generate)
#   run PHASE           the guide's realistic mix (--mix hot: 10,000 users) over --users ids, 64 connections,
#                       in consecutive wrk runs of --slice for --seconds; results in --out/PHASE
#     --fresh           first FLUSHALL in Redis and a restart of the API container (a cold cache, a new process)
#     --restart-mysql   with --fresh: restart MySQL too, so that runs compared start alike: its buffer pool holds only
#                       the pages it dumped at shutdown and reloads (MySQL's and MariaDB's default), and InnoDB reads
#                       with O_DIRECT, so the page cache holds none of the table
#     --ready PATH      the API's readiness path (default /health/ready; the Go port has /health)
#   warm-cache [PHASE] [--ids A-B]  the generator's warm-cache (default 1-USERS), sampled like a run, in --out/PHASE
#                       (default warm-cache)
#   go-port BINARY      stops forecap-api and runs BINARY (the Go port, ../shared/peers/build-go.sh) as container
#                       forecap-go in the stack's base image, on the stack's network, with forecap-api's CPU and
#                       memory limits, port 3000 and the API's MySQL account; `api` puts ours back
#   api                 removes forecap-go and starts forecap-api again
#   report              report.md (guide's table per phase, samples, charts) from the phases in --out
#   down [--volumes]    removes the stack and the namespace; the 10M rows stay in the volume unless --volumes
# Options: --out DIR (default perf-tests/results/<UTC date>-stack), --users N (default: the last `generate`, else
#   10000000), --seconds S (600), --slice S (30), --sample S (5), --connections N (64), --threads N (2).
# Needs root (Podman's bridge network, ip netns), wrk, curl, ip (iproute2). Every wait has a deadline.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DEPLOY="$ROOT/deploy"
COMPOSE_FILE="$DEPLOY/docker-compose.production.yml"
NETNS=forecap-stack
PROJECT=forecap
SERVICES=(mysql redis api node-exporter mysqld-exporter redis-exporter)
CONTAINERS=(forecap-api forecap-go forecap-mysql forecap-redis forecap-node-exporter forecap-mysqld-exporter forecap-redis-exporter)

die() { echo "stack.sh: $*" >&2; exit 2; }
say() { printf '[stack %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
seconds() { [[ "$2" =~ ^[0-9]+s?$ && "${2%s}" -ge 1 ]] || die "$1 must be whole seconds (e.g. 30 or 30s), was '$2'"; echo "${2%s}"; }
number() { [[ "$2" =~ ^[0-9]+$ && "$2" -ge 1 ]] || die "$1 must be a positive number, was '$2'"; echo "$2"; }

[ $# -ge 1 ] || die "give a subcommand (see perf-tests/stack.sh --help)"
case "$1" in
  -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
  up|generate|run|warm-cache|go-port|api|report|down) COMMAND=$1; shift ;;
  *) die "unknown subcommand '$1' (see perf-tests/stack.sh --help)" ;;
esac
ARG="" OUT="" USERS="" SECONDS_=600 SLICE=30 SAMPLE=5 CONNECTIONS=64 THREADS=2 FRESH=0 READY=/health/ready MIX=realistic
IDS="" VOLUMES=0 RESTART_MYSQL=0 PHASE=generate
while [ $# -gt 0 ]; do
  case "$1" in
    --fresh) FRESH=1; shift; continue ;;
    --restart-mysql) RESTART_MYSQL=1; shift; continue ;;
    --volumes) VOLUMES=1; shift; continue ;;
    --out|--users|--seconds|--slice|--sample|--connections|--threads|--ready|--mix|--ids|--phase)
      [ $# -ge 2 ] || die "$1 needs a value" ;;
    -*) die "unknown option '$1' (see perf-tests/stack.sh --help)" ;;
    *) [ -z "$ARG" ] || die "unexpected argument '$1'"; ARG=$1; shift; continue ;;
  esac
  case "$1" in
    --out) OUT=$2 ;;
    --users) USERS=$(number "$1" "$2") ;;
    --seconds) SECONDS_=$(seconds "$1" "$2") ;;
    --slice) SLICE=$(seconds "$1" "$2") ;;
    --sample) SAMPLE=$(seconds "$1" "$2") ;;
    --connections) CONNECTIONS=$(number "$1" "$2") ;;
    --threads) THREADS=$(number "$1" "$2") ;;
    --ready) [[ "$2" == /* ]] || die "--ready wants a path such as /health, was '$2'"; READY=$2 ;;
    --mix) [[ "$2" =~ ^(realistic|hot)$ ]] || die "--mix is realistic or hot, was '$2'"; MIX=$2 ;;
    --ids) [[ "$2" =~ ^[0-9]+-[0-9]+$ ]] || die "--ids wants FIRST-LAST, was '$2'"; IDS=$2 ;;
    --phase) [[ "$2" =~ ^[A-Za-z0-9_-]+$ ]] || die "--phase wants a name (letters, digits, - and _), was '$2'"; PHASE=$2 ;;
  esac
  shift 2
done
[ "$(id -u)" = 0 ] || die "needs root (Podman's bridge network and ip netns)"
OUT=${OUT:-perf-tests/results/$(date -u +%Y-%m-%d)-stack}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
[ -n "$USERS" ] || USERS=$(cat "$OUT/users" 2> /dev/null || echo 10000000)

# The stack's settings: the operator's deploy/.env, else the example's; the load comes from one address.
ENV_FILE="$DEPLOY/.env"; [ -f "$ENV_FILE" ] || ENV_FILE="$DEPLOY/.env.example"
set -a
# shellcheck disable=SC1090
. "$ENV_FILE"
set +a
export USER_BUDGET=0

# nsenter, not `ip netns exec`: the latter mounts a sysfs of its own, without the cgroup hierarchy Podman needs.
# Whatever starts or stops a container runs inside: Podman sets up its network where the command runs.
inside() { nsenter --net="/run/netns/$NETNS" "$@"; }
compose() { # compose TIMEOUT ARGS...: podman-compose in the namespace, from deploy/ (no .env written)
  local limit=$1; shift
  (cd "$DEPLOY" && timeout "$limit" nsenter --net="/run/netns/$NETNS" podman-compose -p "$PROJECT" -f "$COMPOSE_FILE" "$@")
}
wait_for() { # wait_for SECONDS COMMAND...
  local until=$(($(date +%s) + $1)); shift
  while ! "$@" > /dev/null 2>&1; do
    [ "$(date +%s)" -lt "$until" ] || return 1
    sleep 1
  done
}
healthy() { [ "$(inside podman healthcheck run "$1" 2> /dev/null; echo $?)" = 0 ]; }
api_container() { # the container serving port 3000: ours or the Go port
  if [ "$(podman inspect -f '{{.State.Status}}' forecap-go 2> /dev/null)" = running ]; then echo forecap-go; else echo forecap-api; fi
}
ready() { [ "$(inside curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:3000$READY" 2> /dev/null)" = 200 ]; }
redis_cli() { podman exec forecap-redis sh -c 'if [ -n "$REDIS_PASSWORD" ]; then export REDISCLI_AUTH="$REDIS_PASSWORD"; fi; exec redis-cli "$@"' redis-cli "$@"; }
mysql_root() { podman exec -e MYSQL_PWD="$MYSQL_ROOT_PASSWORD" forecap-mysql mysql -uroot -N -B -e "$1"; }

# ---------------------------------------------------------------------------------------------------------------
# Sampling: one line per --sample seconds, tab-separated, while a phase runs.
# ---------------------------------------------------------------------------------------------------------------
cgroup_file() { # cgroup_file CONTAINER CONTROLLER FILE: the container's file in cgroup v1, or v2's unified one
  local path; path=$(podman inspect -f '{{.State.CgroupPath}}' "$1" 2> /dev/null) || return 1
  for candidate in "/sys/fs/cgroup/$2$path/$3" "/sys/fs/cgroup$path/$4"; do
    [ -r "$candidate" ] && { echo "$candidate"; return 0; }
  done
  return 1
}
SAMPLED=(api mysql redis)
sampler() { # sampler FILE: until killed
  local file=$1 api; api=$(api_container)
  declare -A cpu_file mem_file stat_file limit_of
  local name container
  for name in "${SAMPLED[@]}"; do
    container=$([ "$name" = api ] && echo "$api" || echo "forecap-$name")
    cpu_file[$name]=$(cgroup_file "$container" cpuacct cpuacct.usage cpu.stat || true)
    mem_file[$name]=$(cgroup_file "$container" memory memory.usage_in_bytes memory.current || true)
    stat_file[$name]=$(cgroup_file "$container" memory memory.stat memory.stat || true)
    # the limits, as written into every sample: memory in bytes, CPUs
    limit_of[$name]=$(podman inspect -f '{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}}' "$container" 2> /dev/null \
      | awk '{printf "%s\t%.2f", $1, $2 / 1e9}' || true)
    [ -n "${limit_of[$name]}" ] || limit_of[$name]=$(printf '0\t0.00')
  done
  {
    printf 'time'
    for name in "${SAMPLED[@]}"; do
      printf '\t%s_cpu_seconds\t%s_memory_bytes\t%s_rss_bytes\t%s_memory_limit\t%s_cpus' "$name" "$name" "$name" "$name" "$name"
    done
    printf '\tredis_used_memory\tredis_maxmemory\tredis_keys\tredis_evicted_keys\tredis_keyspace_hits\tredis_keyspace_misses'
    printf '\tlocal_hits\tlocal_misses\tservice_redis_hits\tservice_redis_misses\tinnodb_read_requests\tinnodb_reads\n'
  } > "$file"
  local line redis_info metrics innodb
  # a field of Redis's INFO, and the service's counter of one cache layer, whatever the label's name
  field() { awk -F: -v key="$1" '$1 == key {print $2; exit}' <<< "$redis_info"; }
  counter() { awk -v name="$1" -v layer="\"$2\"" 'index($0, name "{") == 1 && index($0, layer) {s += $NF} END {printf "%d", s}' <<< "$metrics"; }
  while true; do
    line=$(date +%s.%N)
    for name in "${SAMPLED[@]}"; do
      local cpu=0 mem=0 rss=0
      if [[ "${cpu_file[$name]}" == *cpuacct.usage ]]; then cpu=$(awk '{printf "%.3f", $1 / 1e9}' "${cpu_file[$name]}" 2> /dev/null || echo 0)
      elif [ -n "${cpu_file[$name]}" ]; then cpu=$(awk '$1 == "usage_usec" {printf "%.3f", $2 / 1e6}' "${cpu_file[$name]}" 2> /dev/null || echo 0); fi
      [ -z "${mem_file[$name]}" ] || mem=$(cat "${mem_file[$name]}" 2> /dev/null || echo 0)
      # resident memory without the page cache (v1: total_rss; v2: anon)
      [ -z "${stat_file[$name]}" ] || rss=$(awk '$1 == "total_rss" || $1 == "anon" {print $2; exit}' "${stat_file[$name]}" 2> /dev/null || echo 0)
      line+=$(printf '\t%s\t%s\t%s\t%s' "$cpu" "$mem" "${rss:-0}" "${limit_of[$name]}")
    done
    redis_info=$(redis_cli INFO 2> /dev/null | tr -d '\r' || true)
    local keys; keys=$(sed -n 's/^db0:keys=\([0-9]*\).*/\1/p' <<< "$redis_info")
    line+=$(printf '\t%s\t%s\t%s\t%s\t%s\t%s' "$(field used_memory)" "$(field maxmemory)" "${keys:-0}" \
      "$(field evicted_keys)" "$(field keyspace_hits)" "$(field keyspace_misses)")
    # the service's own counters, near cache ("local") and Redis apart
    metrics=$(inside curl -s --max-time 2 http://127.0.0.1:3000/metrics 2> /dev/null || true)
    line+=$(printf '\t%s\t%s\t%s\t%s' "$(counter cache_hits_total local)" "$(counter cache_misses_total local)" \
      "$(counter cache_hits_total redis)" "$(counter cache_misses_total redis)")
    innodb=$(mysql_root "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_read_requests', 'Innodb_buffer_pool_reads')" 2> /dev/null || true)
    line+=$(printf '\t%s\t%s' "$(awk '$1 == "Innodb_buffer_pool_read_requests" {print $2}' <<< "$innodb")" \
      "$(awk '$1 == "Innodb_buffer_pool_reads" {print $2}' <<< "$innodb")")
    echo "$line" >> "$file"
    sleep "$SAMPLE"
  done
}
SAMPLER_PID=""
start_sampler() { sampler "$1" & SAMPLER_PID=$!; }
stop_sampler() { [ -z "$SAMPLER_PID" ] || { kill "$SAMPLER_PID" 2> /dev/null || true; wait "$SAMPLER_PID" 2> /dev/null || true; SAMPLER_PID=""; }; }
trap stop_sampler EXIT
trap 'echo "stack.sh: interrupted" >&2; exit 130' INT TERM

prop() { local value=${2//\\/\\\\}; printf '%s=%s\n' "$1" "${value//$'\n'/ }"; }
facts() { # facts DIR KEY=VALUE...: the phase's facts for the report
  local dir=$1; shift
  {
    prop date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"; prop container "$(api_container)"
    prop image "$(podman inspect -f '{{.ImageName}}' "$(api_container)" 2> /dev/null)"
    for pair in "$@"; do prop "${pair%%=*}" "${pair#*=}"; done
  } > "$dir/phase.properties"
}

stack_facts() { # the machine and the stack, once per results folder
  { prop date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"; prop settings "${ENV_FILE#"$ROOT"/}, USER_BUDGET=0"
    prop cpus "$(nproc)"; prop memory_mb "$(awk '/MemTotal/ {printf "%d", $2/1024}' /proc/meminfo)"
    prop cpu_model "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"; prop kernel "Linux $(uname -r)"
    prop podman "$(podman --version | awk '{print $3}')"
    for name in forecap-api forecap-mysql forecap-redis; do
      prop "image.$name" "$(podman inspect -f '{{.ImageName}} ({{index .Config.Labels "org.forecap.stand-in"}})' "$name" 2> /dev/null)"
    done
  } > "$OUT/stack.properties"
}

# ---------------------------------------------------------------------------------------------------------------
case "$COMMAND" in
up)
  for tool in wrk curl ip; do command -v "$tool" > /dev/null || die "$tool is missing (apt-get install wrk curl iproute2)"; done
  say "images (deploy/test/stack-test.sh --images-only)"
  bash "$DEPLOY/test/stack-test.sh" --images-only > "$OUT/images.log" 2>&1 || { tail -20 "$OUT/images.log" >&2; exit 1; }
  ip netns list | grep -q "^$NETNS\b" || ip netns add "$NETNS"
  inside ip link set lo up
  say "starting ${SERVICES[*]} in network namespace $NETNS (settings from ${ENV_FILE#"$ROOT"/}, USER_BUDGET=0)"
  compose 300 up -d "${SERVICES[@]}" > "$OUT/compose-up.log" 2>&1 || { tail -20 "$OUT/compose-up.log" >&2; exit 1; }
  stack_facts
  for name in forecap-mysql forecap-redis forecap-api; do
    wait_for 300 healthy "$name" || die "$name not healthy after 300 s (podman logs $name)"
    say "$name healthy"
  done
  ;;
generate)
  [[ "$ARG" =~ ^[0-9]+$ ]] || die "generate wants a number of users"
  echo "$ARG" > "$OUT/users"
  dir="$OUT/$PHASE"; [ ! -e "$dir/samples.tsv" ] || die "$dir already holds a phase; pick another with --phase"
  mkdir -p "$dir"
  facts "$dir" users="$ARG"
  start_sampler "$dir/samples.tsv"
  started=$(date +%s)
  say "generator: generate-test-data $ARG"
  compose 7200 run -T --rm generator generate-test-data "$ARG" > "$dir/generate.log" 2>&1
  generated=$(date +%s)
  say "generated in $((generated - started)) s; verify-test-data --expect $ARG"
  compose 3600 run -T --rm generator verify-test-data --expect "$ARG" > "$dir/verify.log" 2>&1
  stop_sampler
  { prop generate_seconds $((generated - started)); prop verify_seconds $(($(date +%s) - generated))
    prop table "$(mysql_root "SELECT CONCAT('about ', table_rows, ' rows (estimate), ', ROUND((data_length + index_length) / 1048576), ' MiB') FROM information_schema.tables WHERE table_schema = 'forecap_db' AND table_name = 'user_recap_data'")"
  } >> "$dir/phase.properties"
  say "verified in $(($(date +%s) - generated)) s"
  ;;
run)
  [[ "$ARG" =~ ^[A-Za-z0-9_-]+$ ]] || die "run wants a phase name (letters, digits, - and _)"
  dir="$OUT/$ARG"; [ ! -e "$dir/samples.tsv" ] || die "$dir already holds a run; pick another phase name"
  mkdir -p "$dir"
  container=$(api_container)
  [ -f "$OUT/stack.properties" ] || stack_facts
  [ "$RESTART_MYSQL" = 0 ] || [ "$FRESH" = 1 ] || die "--restart-mysql goes with --fresh"
  if [ "$FRESH" = 1 ]; then
    if [ "$RESTART_MYSQL" = 1 ]; then
      say "fresh: restart of forecap-mysql"
      inside podman restart -t 60 forecap-mysql > /dev/null 2>> "$dir/podman.log"
      wait_for 300 healthy forecap-mysql || die "forecap-mysql not healthy 300 s after its restart"
    fi
    say "fresh: FLUSHALL in Redis, restart of $container"
    redis_cli FLUSHALL > /dev/null
    inside podman restart -t 20 "$container" > /dev/null 2>> "$dir/podman.log"
  fi
  launched=$(date +%s%N)
  wait_for 120 ready || die "$container not ready on $READY after 120 s"
  ready_ms=$(( ($(date +%s%N) - launched) / 1000000 ))
  facts "$dir" mix="$MIX" users="$USERS" seconds="$SECONDS_" slice="$SLICE" connections="$CONNECTIONS" threads="$THREADS" \
    fresh="$FRESH" restart_mysql="$RESTART_MYSQL" ready_after_restart_ms="$([ "$FRESH" = 1 ] && echo "$ready_ms")" \
    redis_keys_at_start="$(redis_cli DBSIZE 2> /dev/null)" tool="wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}')"
  start_sampler "$dir/samples.tsv"
  slices=$(( (SECONDS_ + SLICE - 1) / SLICE ))
  say "$ARG: $MIX mix over $USERS users on $container, $slices slices of ${SLICE}s"
  printf 'slice\tstart\tend\n' > "$dir/slices.tsv"
  for slice in $(seq 1 "$slices"); do
    slice_start=$(date +%s.%N)
    inside env MIX="$MIX" MAX_USER_ID="$USERS" WRK_JSON="$dir/run-$slice.json" AUTH_SIGNATURE_SECRET="$AUTH_SIGNATURE_SECRET" \
      timeout --foreground $((SLICE + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SLICE}s" -s perf-tests/wrk/recap.lua --latency \
      http://127.0.0.1:3000 > "$dir/wrk-$slice.txt" 2>&1 || die "wrk failed (see $dir/wrk-$slice.txt)"
    printf '%s\t%s\t%s\n' "$slice" "$slice_start" "$(date +%s.%N)" >> "$dir/slices.tsv"
    say "  $slice/$slices: $(grep -E 'Requests/sec|99%|Non-2xx|Socket errors' "$dir/wrk-$slice.txt" | tr -s ' ' | tr '\n' ' ')"
  done
  stop_sampler
  ;;
warm-cache)
  [[ "${ARG:-warm-cache}" =~ ^[A-Za-z0-9_-]+$ ]] || die "warm-cache wants a phase name (letters, digits, - and _)"
  dir="$OUT/${ARG:-warm-cache}"; [ ! -e "$dir/samples.tsv" ] || die "$dir already holds a phase; pick another name"
  mkdir -p "$dir"
  IDS=${IDS:-1-$USERS}
  facts "$dir" ids="$IDS"
  start_sampler "$dir/samples.tsv"
  started=$(date +%s)
  say "generator: warm-cache --ids $IDS"
  compose 7200 run -T --rm generator warm-cache --ids "$IDS" > "$dir/warm-cache.log" 2>&1
  stop_sampler
  prop warm_cache_seconds $(($(date +%s) - started)) >> "$dir/phase.properties"
  say "warm-cache done in $(($(date +%s) - started)) s"
  ;;
go-port)
  [ -x "$ARG" ] || die "go-port wants the Go port's binary (../shared/peers/build-go.sh prints its path)"
  binary=$(cd "$(dirname "$ARG")" && pwd)/$(basename "$ARG")
  read -r memory nanocpus < <(podman inspect -f '{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}}' forecap-api)
  inside podman stop -t 20 forecap-api > /dev/null
  inside podman rm -f forecap-go > /dev/null 2>&1 || true
  inside podman run -d --name forecap-go --network "${PROJECT}_default" -p 3000:3000 --cpus "$(awk -v n="$nanocpus" 'BEGIN {printf "%.2f", n / 1e9}')" --memory "$memory" \
    -v "$binary:/usr/local/bin/forecap-go:ro" -e PORT=3000 -e GIN_MODE=release -e MYSQL_HOST=mysql -e MYSQL_PORT=3306 \
    -e MYSQL_DATABASE=forecap_db -e MYSQL_USER=forecap_user -e MYSQL_PASSWORD="$MYSQL_PASSWORD" -e REDIS_HOST=redis \
    -e REDIS_PORT=6379 -e REDIS_PASSWORD="$REDIS_PASSWORD" -e AUTH_SIGNATURE_SECRET="$AUTH_SIGNATURE_SECRET" \
    -e CACHE_TTL_SECONDS=3600 localhost/forecap-stand-in/debian:bookworm /usr/local/bin/forecap-go > /dev/null
  READY=/health; wait_for 60 ready || die "the Go port did not answer /health within 60 s (podman logs forecap-go)"
  say "the Go port serves port 3000 in place of forecap-api (its limits: $((nanocpus / 1000000)) mCPU, $((memory >> 20)) MiB)"
  ;;
api)
  inside podman rm -f -t 20 forecap-go > /dev/null 2>&1 || true
  inside podman start forecap-api > /dev/null
  wait_for 120 ready || die "forecap-api not ready after 120 s"
  say "forecap-api serves port 3000 again"
  ;;
report)
  . bin/java-env.sh
  if [ ! -f perf-tests/target/forecap-perf-tests.jar ] || ! "$JAVA_HOME/bin/jar" tf perf-tests/target/forecap-perf-tests.jar | grep -q StackReport; then
    ./mvnw -B -q -DskipTests package -pl perf-tests -am
  fi
  java -jar perf-tests/target/forecap-perf-tests.jar --stack "$OUT"
  ;;
down)
  if ip netns list | grep -q "^$NETNS\b"; then
    compose 120 down $([ "$VOLUMES" = 1 ] && echo -v) > /dev/null 2>&1 || true
  fi
  for name in "${CONTAINERS[@]}"; do inside podman rm -f -t 5 "$name" > /dev/null 2>&1 || true; done
  [ "$VOLUMES" = 0 ] || podman volume rm -f "${PROJECT}_mysql-data" > /dev/null 2>&1 || true
  inside podman network rm -f "${PROJECT}_default" > /dev/null 2>&1 || true
  ip netns delete "$NETNS" 2> /dev/null || true
  say "stack removed$([ "$VOLUMES" = 1 ] && echo ", with its data" || echo "; the data volume ${PROJECT}_mysql-data stays")"
  ;;
esac
