#!/usr/bin/env bash
# The production stack for real, under Podman: builds deploy/Dockerfile and runs
# deploy/docker-compose.production.yml (both unchanged) with deploy/.env from deploy/.env.example, then
# checks it from outside through the published ports, the way the guide's Step 3 does, and tears it
# all down.
#
#   bash deploy/test/stack-test.sh     # as root on Debian 12: ~1.5 min with cached images, ~7 min from nothing
#   bash deploy/test/stack-test.sh --images-only   # phase 1 only: build (or keep) the images, run nothing
#
# Public image registries are not reachable from the development machines, so the base images the
# Dockerfile and the compose file name are built here first, from a Debian bookworm root filesystem
# (debootstrap) and Debian packages, under the exact same names: STAND-INS, not the real images
# (mysql:8.4 is MariaDB 10.11, redis:7.2 is Redis 7.0, the exporters are Debian's older builds). Each
# carries the label org.forecap.stand-in saying what it is, and org.forecap.recipe, a hash of its
# recipe: an image whose label matches is not rebuilt. Recipes: deploy/test/images/.
#
# The stack runs in a network namespace of its own (unshare --net), so that the compose file's host
# ports (3000, 3306, 6379, 9100, 9104, 9121) do not meet this machine's own MariaDB and Redis, and no
# traffic leaves the machine. Images are built outside it (Debian and Maven Central are needed).
#
# Output: one PASS or FAIL line per check, then a summary. Exit status: 0 when every check passed,
# 1 on any failure, 77 when Podman cannot be installed or run here (the caller reports a skip).
# Installs podman, buildah, podman-compose, debootstrap, runc (and curl, iproute2) with apt-get when
# missing and sets /etc/containers/containers.conf for this kind of machine (both idempotent). Every
# wait has a deadline; a trap removes the containers, the network and the volume on any exit.
#
# Environment: STACK_TEST_USERS (generated users, default 2000), STACK_TEST_JDK (default: Temurin 25
# under /usr/lib/jvm), STACK_TEST_CACHE (default /var/tmp/forecap-stack-test: the root filesystem
# while it is built, the JDK copy and jlink runtime the Java images are made from, the logs).
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DEPLOY="$ROOT/deploy"
IMAGES="$DEPLOY/test/images"
COMPOSE_FILE="$DEPLOY/docker-compose.production.yml"
PROJECT=forecap
USERS="${STACK_TEST_USERS:-2000}"
CACHE="${STACK_TEST_CACHE:-/var/tmp/forecap-stack-test}"
SERVICES=(mysql redis api node-exporter mysqld-exporter redis-exporter)
CONTAINERS=(forecap-api forecap-mysql forecap-redis forecap-node-exporter forecap-mysqld-exporter forecap-redis-exporter)
START=$(date +%s)

say() { printf '[stack-test %4ss] %s\n' "$(($(date +%s) - START))" "$*"; }

FAILURES=0
CHECKS=0
pass() { CHECKS=$((CHECKS + 1)); printf 'PASS %s\n' "$*"; }
fail() { CHECKS=$((CHECKS + 1)); FAILURES=$((FAILURES + 1)); printf 'FAIL %s\n' "$*"; }
check() { # check NAME COMMAND...: PASS when the command succeeds
  local name="$1"; shift
  if "$@"; then pass "$name"; else fail "$name"; fi
}

# Waits until COMMAND succeeds, at most SECONDS. wait_for SECONDS COMMAND...
wait_for() {
  local until=$(($(date +%s) + $1)); shift
  while ! "$@" > /dev/null 2>&1; do
    [ "$(date +%s)" -lt "$until" ] || return 1
    sleep 2
  done
}

compose() { timeout "${COMPOSE_TIMEOUT:-120}" podman-compose -p "$PROJECT" -f "$COMPOSE_FILE" "$@"; }

# Removes everything the stack may have left: containers, the compose network and volume. Bounded.
teardown() {
  say "teardown"
  COMPOSE_TIMEOUT=90 compose down -v > /dev/null 2>&1 || true
  local ids
  ids=$(timeout 30 podman ps -aq --filter "label=io.podman.compose.project=$PROJECT" 2> /dev/null)
  # shellcheck disable=SC2086
  [ -z "$ids" ] || timeout 60 podman rm -f -t 5 $ids > /dev/null 2>&1 || true
  for name in "${CONTAINERS[@]}"; do
    timeout 30 podman rm -f -t 5 "$name" > /dev/null 2>&1 || true
  done
  timeout 30 podman volume rm -f "${PROJECT}_mysql-data" > /dev/null 2>&1 || true
  timeout 30 podman network rm -f "${PROJECT}_default" > /dev/null 2>&1 || true
}

# --------------------------------------------------------------------------------------------------
# Phase 2, inside the private network namespace: start, check, kill, tear down.
# --------------------------------------------------------------------------------------------------
if [ "${1:-}" = --inside-namespace ]; then
  START="${2:-$START}"
  ip link set lo up
  trap teardown EXIT
  trap 'exit 1' INT TERM

  say "starting ${SERVICES[*]} (podman-compose up -d)"
  # podman-compose 1.0 ignores "profiles": the services are named so that the generator (profile
  # "tools") does not start with them, as it does not under docker compose.
  if ! COMPOSE_TIMEOUT=180 compose up -d "${SERVICES[@]}" > "$CACHE/compose-up.log" 2>&1; then
    fail "compose up -d"
    sed 's/^/  | /' "$CACHE/compose-up.log" | tail -30
    exit 1
  fi
  pass "compose up -d: ${#SERVICES[@]} services created"

  # Podman runs health checks from systemd timers, and this machine has no systemd: the wait runs
  # each container's health check (the compose file's) with `podman healthcheck run`, which updates
  # its health status as a timer would. podman-compose 1.0 does not wait for service_healthy itself.
  healthy() { [ "$(podman healthcheck run "$1" 2> /dev/null; echo $?)" = 0 ]; }
  health_deadline=$(($(date +%s) + 240))
  for name in forecap-mysql forecap-redis forecap-api; do
    if wait_for $((health_deadline - $(date +%s))) healthy "$name"; then
      pass "$name healthy ($(podman inspect -f '{{.State.Health.Status}}' "$name"), after $(($(date +%s) - START)) s)"
    else
      fail "$name healthy within 240 s of the start"
      podman logs --tail 40 "$name" 2>&1 | sed 's/^/  | /'
    fi
  done
  for name in forecap-node-exporter forecap-mysqld-exporter forecap-redis-exporter; do
    check "$name running" test "$(podman inspect -f '{{.State.Status}}' "$name" 2> /dev/null)" = running
  done

  say "generator: generate-test-data $USERS, then verify-test-data"
  if COMPOSE_TIMEOUT=300 compose run -T --rm generator generate-test-data "$USERS" > "$CACHE/generator.log" 2>&1; then
    pass "generator generate-test-data $USERS"
  else
    fail "generator generate-test-data $USERS"; tail -30 "$CACHE/generator.log" | sed 's/^/  | /'
  fi
  check "the generator printed no JVM error (its collector cannot map the serving AOT cache: AOTMode=off)" \
    bash -c '! grep -q "\[error\]" "$1"' _ "$CACHE/generator.log"
  if COMPOSE_TIMEOUT=120 compose run -T --rm generator verify-test-data --expect "$USERS" > "$CACHE/verify.log" 2>&1; then
    pass "generator verify-test-data --expect $USERS"
  else
    fail "generator verify-test-data --expect $USERS"; tail -30 "$CACHE/verify.log" | sed 's/^/  | /'
  fi

  # The guide's curl: legacy signature Base64(timestamp + secret + user_id), secret from .env.
  secret=$(sed -n 's/^AUTH_SIGNATURE_SECRET=//p' "$DEPLOY/.env")
  signed_get() { # signed_get USER_ID [SIGN]: prints the status code
    local ts sign
    ts=$(date -u +"%Y-%m-%dT%H:%M:%SZ")
    sign="${2:-$(echo -n "${ts}${secret}${1}" | base64)}"
    curl -s -o "$CACHE/body.json" -w '%{http_code}' --max-time 10 \
      -H "timestamp: ${ts}" -H "user_id: ${1}" -H "sign: ${sign}" http://127.0.0.1:3000/api/user-data
  }
  user=$(( (RANDOM % USERS) + 1 ))
  code=$(signed_get "$user")
  if [ "$code" = 200 ] && grep -q '"userName":"' "$CACHE/body.json"; then
    pass "guide's curl: signed GET /api/user-data user_id=$user -> 200 with a recap"
  else
    fail "guide's curl: signed GET /api/user-data user_id=$user -> $code $(head -c 300 "$CACHE/body.json")"
  fi
  code=$(signed_get "$user"); check "the same request again -> 200 (now from the cache)" test "$code" = 200
  code=$(signed_get "$user" "bm90LXRoZS1zaWdu"); check "wrong sign -> 401 (got $code)" test "$code" = 401
  code=$(signed_get "$((USERS + 1))"); check "user outside the data set -> 404 (got $code)" test "$code" = 404

  health=$(curl -s --max-time 10 -w '\n%{http_code}' http://127.0.0.1:3000/health)
  if [ "$(tail -1 <<< "$health")" = 200 ] && grep -q '"UP"' <<< "$health" \
      && ! grep -q -E '"(DOWN|UNKNOWN|OUT_OF_SERVICE)"' <<< "$health"; then
    pass "GET /health -> 200, every component UP"
  else
    fail "GET /health: $(head -c 400 <<< "$health")"
  fi
  metrics=$(curl -s --max-time 10 http://127.0.0.1:3000/metrics)
  check "GET /metrics has http_requests_total and the request above" \
    grep -q '^http_requests_total{.*} [1-9]' <<< "$metrics"
  check "Redis holds the cached recap (DBSIZE > 0)" \
    test "$(podman exec forecap-redis redis-cli DBSIZE 2> /dev/null)" -gt 0
  check "node-exporter :9100 serves node_cpu_seconds_total" \
    grep -q '^node_cpu_seconds_total' <<< "$(curl -s --max-time 10 http://127.0.0.1:9100/metrics)"
  check "mysqld-exporter :9104 reaches MySQL (mysql_up 1)" \
    grep -q '^mysql_up 1' <<< "$(curl -s --max-time 10 http://127.0.0.1:9104/metrics)"
  check "redis-exporter :9121 reaches Redis (redis_up 1)" \
    grep -q '^redis_up 1' <<< "$(curl -s --max-time 10 http://127.0.0.1:9121/metrics)"

  # The API container: unprivileged, read-only root filesystem, writable /tmp with the zstd library.
  check "forecap-api runs as uid 10001 (forecap), not root" \
    test "$(podman exec forecap-api id -u 2> /dev/null)" = 10001
  check "forecap-api root filesystem is read-only (inspect)" \
    test "$(podman inspect -f '{{.HostConfig.ReadonlyRootfs}}' forecap-api)" = true
  check "forecap-api cannot write to /app" \
    bash -c '! podman exec forecap-api touch /app/probe 2> /dev/null'
  check "forecap-api /tmp is a tmpfs and the JVM runs the zstd-jni library it extracted there" \
    podman exec forecap-api sh -c 'grep -q " /tmp tmpfs " /proc/mounts && grep -q "/tmp/.*zstd" /proc/1/maps'
  check "forecap-api has no capabilities (CapEff 0)" \
    podman exec forecap-api sh -c 'grep -q "^CapEff:[[:space:]]*0*$" /proc/1/status'
  nofile=$(podman exec forecap-api sh -c 'grep "Max open files" /proc/1/limits' 2> /dev/null | awk '{print $4 "/" $5}')
  check "the JVM raised its open-files soft limit to the hard one ($nofile)" \
    test -n "$nofile" -a "${nofile%/*}" = "${nofile#*/}"

  # Memory (and CPU) limits of the compose file, in force on each container.
  while read -r name memory cpus; do
    got=$(podman inspect -f '{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}}' "$name" 2> /dev/null)
    check "$name limits: memory $memory bytes, cpus $cpus (inspect: $got)" test "$got" = "$memory $cpus"
  done < <(python3 - "$COMPOSE_FILE" <<'PY'
import sys, yaml
units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
compose = yaml.safe_load(open(sys.argv[1]))
for service in compose["services"].values():
    if "profiles" in service:
        continue
    limits = service["deploy"]["resources"]["limits"]
    memory = str(limits["memory"]).lower()
    memory = int(memory[:-1]) * units[memory[-1]] if memory[-1] in units else int(memory)
    print(service["container_name"], memory, int(float(limits["cpus"]) * 1e9))
PY
)
  cgroup_limit=$(podman exec forecap-api sh -c 'cat /sys/fs/cgroup/memory.max 2> /dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes')
  check "forecap-api cgroup memory limit seen inside: $cgroup_limit" test "$cgroup_limit" = 671088640
  heap=$(podman exec forecap-api sh -c 'java $JAVA_OPTS -XX:+PrintFlagsFinal -version 2> /dev/null' | awk '$2 == "MaxHeapSize" {print $4}')
  check "the JVM runs with the launchers' fixed heap: MaxHeapSize $heap (256 MiB, bin/jvm-options)" \
    test "${heap:-0}" = 268435456

  # kill -9 of the API's process: the restart policy brings it back, healthy and serving.
  before=$(podman inspect -f '{{.State.Pid}} {{.State.StartedAt}}' forecap-api)
  kill -9 "${before%% *}"
  say "killed the API's java process (pid ${before%% *}) with SIGKILL"
  restarted() { local now; now=$(podman inspect -f '{{.State.Status}} {{.State.StartedAt}}' forecap-api); [ "${now%% *}" = running ] && [ "${now#* }" != "${before#* }" ]; }
  check "forecap-api restarted after kill -9 (restart: unless-stopped)" wait_for 60 restarted
  check "forecap-api healthy again after the restart" wait_for 120 healthy forecap-api
  code=$(signed_get "$user"); check "signed GET /api/user-data after the restart -> 200 (got $code)" test "$code" = 200

  printf 'SUMMARY %d checks in the stack phase, %d failed (at %s s)\n' "$CHECKS" "$FAILURES" "$(($(date +%s) - START))"
  [ "$FAILURES" = 0 ]
  exit $?
fi

# --------------------------------------------------------------------------------------------------
# Phase 1, in the machine's namespace: tools, configuration, images.
# --------------------------------------------------------------------------------------------------
skip() { echo "SKIP $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (apt-get, Podman's bridge network, unshare --net)"
command -v apt-get > /dev/null || skip "needs a Debian machine (apt-get)"
mkdir -p "$CACHE"

exec 9> /var/lock/forecap-stack-test.lock
flock -w 600 9 || skip "another stack test held the lock for 10 minutes"

missing=()
for tool in podman buildah podman-compose debootstrap runc curl ip:iproute2; do
  command -v "${tool%%:*}" > /dev/null || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  { timeout 300 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq "${missing[@]}"; } \
    > "$CACHE/apt.log" 2>&1 || { tail -5 "$CACHE/apt.log"; skip "could not install ${missing[*]}"; }
fi

# /etc/containers/containers.conf: no default ulimits (the sandbox may not raise limits), and runc
# where a cgroup v2 hierarchy sits beside v1 ones (crun refuses that "hybrid" layout). Each setting is
# added to its table when missing; nothing else in the file changes.
conf=/etc/containers/containers.conf
toml_set() { # toml_set TABLE KEY VALUE
  touch "$conf"
  grep -q -E "^[[:space:]]*$2[[:space:]]*=" "$conf" && return 0
  if grep -q -E "^\[$1\]" "$conf"; then
    sed -i "/^\[$1\]/a $2 = $3" "$conf"
  else
    printf '\n[%s]\n%s = %s\n' "$1" "$2" "$3" >> "$conf"
  fi
}
toml_set containers default_ulimits '[]'
# (crun refuses the hybrid layout even when the v2 hierarchy holds no controller, seen on one machine)
if [ -e /sys/fs/cgroup/unified/cgroup.controllers ]; then
  toml_set engine runtime '"runc"'
fi
podman --version > /dev/null 2>&1 || skip "podman does not run here"

# Cleans up what an interrupted earlier run may have left, before anything binds names. With --images-only
# nothing runs, so a running stack (and its data volume, e.g. perf-tests/stack.sh's 10M users) is left alone.
IMAGES_ONLY=$([ "${1:-}" = --images-only ] && echo 1 || echo 0)
[ "$IMAGES_ONLY" = 1 ] || teardown > /dev/null 2>&1
ENV_BACKUP=""
restore_env() {
  if [ -n "$ENV_BACKUP" ]; then mv -f "$ENV_BACKUP" "$DEPLOY/.env"; else rm -f "$DEPLOY/.env"; fi
}
on_exit() {
  status=$?
  [ "$IMAGES_ONLY" = 1 ] || teardown
  restore_env
  say "done in $(($(date +%s) - START)) s"
  exit "$status"
}
trap on_exit EXIT
trap 'exit 1' INT TERM

# The guide's configuration: deploy/.env from .env.example (an operator's own .env is put back after).
if [ -e "$DEPLOY/.env" ]; then
  ENV_BACKUP="$CACHE/env.backup"
  cp -p "$DEPLOY/.env" "$ENV_BACKUP"
fi
cp "$DEPLOY/.env.example" "$DEPLOY/.env"
chmod 600 "$DEPLOY/.env"

recipe_of() { # hash of a recipe folder plus extra words
  { [ -z "$1" ] || (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); shift; echo "$@"; } \
    | sha256sum | cut -c1-16
}
label_of() { podman image inspect -f '{{index .Labels "org.forecap.recipe"}}' "$1" 2> /dev/null; }

# ensure_image NAME RECIPE BUILD-COMMAND...: runs the command unless NAME carries that recipe label.
ensure_image() {
  local name="$1" recipe="$2"; shift 2
  if [ "$(label_of "$name")" = "$recipe" ]; then
    say "image $name: cached (recipe $recipe)"
    return 0
  fi
  say "image $name: building (recipe $recipe)"
  local t0 log old; t0=$(date +%s); log="$CACHE/build-$(basename "${name%%:*}").log"
  old=$(podman image inspect -f '{{.Id}}' "$name" 2> /dev/null)
  if ! "$@" > "$log" 2>&1; then
    tail -30 "$log" | sed 's/^/  | /'
    fail "build of $name"
    return 1
  fi
  drop_superseded "$name" "$old"
  say "image $name: built in $(($(date +%s) - t0)) s"
}
# Removes the image a rebuild replaced (when nothing else uses it), so repeated runs do not fill the disk.
drop_superseded() { # drop_superseded NAME OLD-ID
  [ -n "$2" ] && [ "$(podman image inspect -f '{{.Id}}' "$1" 2> /dev/null)" != "$2" ] \
    && timeout 60 podman rmi "$2" > /dev/null 2>&1
  return 0
}

JDK="${STACK_TEST_JDK:-}"
if [ -z "$JDK" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25*; do
    [ -x "$candidate/bin/jlink" ] && JDK="$candidate" && break
  done
fi
[ -n "$JDK" ] || { fail "a Temurin 25 JDK under /usr/lib/jvm (or STACK_TEST_JDK)"; exit 1; }
LOCAL_CA=/usr/local/share/ca-certificates
inputs=$( { sha256sum "$JDK/release"; cat "$LOCAL_CA"/*.crt 2> /dev/null; } | sha256sum | cut -c1-16)

# The JRE stand-in: a runtime linked with the host JDK's jlink, its modules minus the development
# tools. Linked in the background while the base image is made.
JRE="$CACHE/jre-$inputs"
link_jre() {
  [ -x "$JRE/bin/java" ] && return 0
  rm -rf "$CACHE"/jre-*
  local modules
  modules=$("$JDK/bin/java" --list-modules | sed 's/@.*//' \
    | grep -v -E '^jdk\.(compiler|javadoc|jshell|jdeps|jlink|jpackage|jartool|hotspot\.agent|editpad|internal\.ed|internal\.le|internal\.opt|jdi|jstatd|jconsole|jcmd)$' | paste -sd,)
  "$JDK/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --output "$JRE" > /dev/null 2>&1
}
# The JDK stand-in gets a copy with symbolic links resolved: a Debian-packaged JDK links its
# lib/security/cacerts to /etc/ssl/certs/java/cacerts, which the image does not have.
JDK_COPY="$CACHE/jdk-$inputs"
copy_jdk() {
  [ -x "$JDK_COPY/bin/java" ] && return 0
  rm -rf "$CACHE"/jdk-*
  cp -rL "$JDK" "$JDK_COPY.tmp" && mv "$JDK_COPY.tmp" "$JDK_COPY"
}
{ link_jre && copy_jdk; } &
jlink_pid=$!

BASE=localhost/forecap-stand-in/debian:bookworm
base_recipe=$(recipe_of "" "debootstrap --variant=minbase bookworm http://deb.debian.org/debian v1")
build_base() {
  rm -rf "$CACHE/rootfs"
  timeout 300 debootstrap --variant=minbase bookworm "$CACHE/rootfs" http://deb.debian.org/debian || return 1
  rm -rf "$CACHE/rootfs/var/cache/apt/archives/"*.deb
  tar -C "$CACHE/rootfs" -c . | timeout 120 podman import \
    --change "LABEL org.forecap.recipe=$base_recipe" \
    --change 'LABEL org.forecap.stand-in="Debian bookworm minbase root filesystem (debootstrap), base of the stand-in images"' \
    --change 'CMD ["bash"]' - "$BASE" || return 1
  rm -rf "$CACHE/rootfs"
}
ensure_image "$BASE" "$base_recipe" build_base || exit 1

# build_stand_in NAME FOLDER RECIPE [podman build options]
build_stand_in() {
  local name="$1" folder="$2" recipe="$3"; shift 3
  timeout 600 podman build --pull=never --label "org.forecap.recipe=$recipe" "$@" -t "$name" "$IMAGES/$folder"
}
stand_in() { # stand_in NAME FOLDER [podman build options]
  local name="$1" folder="$2"; shift 2
  local recipe; recipe=$(recipe_of "$IMAGES/$folder" "$base_recipe" "$inputs")
  ensure_image "$name" "$recipe" build_stand_in "$name" "$folder" "$recipe" "$@"
}

# The images without Java, built in the background while Maven builds the service's image.
(
  stand_in docker.io/library/mysql:8.4 mysql \
    && stand_in docker.io/library/redis:7.2 redis \
    && stand_in docker.io/prom/node-exporter:v1.8.2 node-exporter \
    && stand_in docker.io/prom/mysqld-exporter:v0.15.1 mysqld-exporter \
    && stand_in docker.io/oliver006/redis_exporter:v1.62.0 redis-exporter
) &
others_pid=$!

java_mounts=(-v "$LOCAL_CA:/mnt/local-ca:ro" --build-arg "STAND_IN_INPUTS=$inputs")
wait "$jlink_pid" && [ -x "$JRE/bin/java" ] && [ -x "$JDK_COPY/bin/java" ] || { fail "jlink and copy of the JDK"; exit 1; }
stand_in docker.io/library/eclipse-temurin:25-jdk temurin-jdk -v "$JDK_COPY:/mnt/temurin:ro" "${java_mounts[@]}" || exit 1
stand_in docker.io/library/eclipse-temurin:25-jre temurin-jre -v "$JRE:/mnt/temurin:ro" "${java_mounts[@]}" || exit 1

# The service's image, from deploy/Dockerfile as it is, through the compose file's build section.
# (podman-compose 1.0 exits 0 even when the build fails: the image's creation time tells.)
say "building forecap-api:latest from deploy/Dockerfile (podman-compose build api)"
t0=$(date +%s)
before=$(podman image inspect -f '{{.Id}} {{.Created}}' localhost/forecap-api:latest 2> /dev/null)
COMPOSE_TIMEOUT=420 compose build api > "$CACHE/api-build.log" 2>&1
after=$(podman image inspect -f '{{.Id}} {{.Created}}' localhost/forecap-api:latest 2> /dev/null)
if [ -n "$after" ] && ! grep -q -E '^(Error|exit code: [1-9])' "$CACHE/api-build.log" \
    && { [ "$after" != "$before" ] || grep -q -i 'using cache' "$CACHE/api-build.log"; }; then
  pass "deploy/Dockerfile builds (podman-compose build api, $(($(date +%s) - t0)) s)"
  drop_superseded localhost/forecap-api:latest "${before%% *}"
else
  fail "deploy/Dockerfile builds (podman-compose build api)"
  tail -40 "$CACHE/api-build.log" | sed 's/^/  | /'
  exit 1
fi
check "forecap-api:latest declares USER forecap" \
  test "$(podman image inspect -f '{{.Config.User}}' localhost/forecap-api:latest 2> /dev/null)" = forecap
if wait "$others_pid"; then
  pass "stand-in images present (built or cached, labelled org.forecap.stand-in)"
else
  fail "stand-in images"; exit 1
fi

# --images-only: stop here, with every image the compose file names built or cached (perf-tests/stack.sh).
if [ "$IMAGES_ONLY" = 1 ]; then
  [ "$FAILURES" = 0 ] && { echo "RESULT PASS: images built"; exit 0; }
  echo "RESULT FAIL"; exit 1
fi

# Phase 2 in a network namespace of its own; its trap tears the stack down, this one again (harmless).
timeout 480 unshare --net -- bash "$0" --inside-namespace "$START"
status=$?
if [ "$FAILURES" = 0 ] && [ "$status" = 0 ]; then
  echo "RESULT PASS: the production stack builds, starts, serves and recovers under Podman"
  exit 0
fi
[ "$status" = 124 ] && fail "stack phase finished within its 480 s deadline"
echo "RESULT FAIL"
exit 1
