#!/usr/bin/env bash
# Alternating before/after wrk comparison of the embedded default (100,000 users).
# usage: door-perf.sh BASE_DIR NEW_DIR ROUNDS OUT_DIR
# With MYSQL_HOST/REDIS_HOST (and the other MYSQL_*/REDIS_* variables) exported, both services run in
# MySQL + Redis mode; MAX_USER_ID (default 100000) bounds the ids the mixes ask for.
set -u
users=${MAX_USER_ID:-100000}
base=$1; new=$2; rounds=$3; out=$4
mkdir -p "$out"
cd "$new" && source bin/java-env.sh >/dev/null
for round in $(seq 1 "$rounds"); do
  for variant in before after; do
    dir=$base; [ "$variant" = after ] && dir=$new
    port=39$((RANDOM % 80 + 10))
    (cd "$dir" && PORT=$port exec java $(cat bin/jvm-options) -jar bootstrap/target/forecap.jar > "$out/service-$variant-$round.log" 2>&1) &
    pid=$!
    for i in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done
    MIX=realistic MAX_USER_ID=$users WRK_JSON= wrk -t2 -c64 -d10s -s "$new/perf-tests/wrk/recap.lua" "http://127.0.0.1:$port" > /dev/null
    for mix in realistic ceiling; do
      MIX=$mix MAX_USER_ID=$users WRK_JSON= wrk -t2 -c64 -d10s -s "$new/perf-tests/wrk/recap.lua" --latency \
        "http://127.0.0.1:$port" > "$out/wrk-$variant-$mix-$round.txt"
      rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk-$variant-$mix-$round.txt")
      p99=$(awk '$1=="99%" {print $2}' "$out/wrk-$variant-$mix-$round.txt")
      errs=$(grep -E 'Non-2xx|Socket errors' "$out/wrk-$variant-$mix-$round.txt" | tr '\n' ' ')
      echo "round=$round variant=$variant mix=$mix rps=$rps p99=$p99 load=$(cut -d' ' -f1 /proc/loadavg) $errs" | tee -a "$out/summary.txt"
    done
    kill "$pid"; wait "$pid" 2>/dev/null
  done
done
