#!/usr/bin/env bash
# What "who may read" costs on the hot path, and what the enumeration budget does to other clients.
# Embedded store (no Redis or MySQL: the largest share auth can take of a request), 20,000 users, the
# launcher's JVM flags, wrk with 64 connections, 10 s of warm-up then 20 s measured, each variant
# from a fresh start, in rounds that alternate the variants:
#   signature        legacy signatures, hot set (10,000 users), USER_BUDGET=0
#   signature+padding the same with an X-Padding header of 580 characters: a request of a bearer
#                    request's size (tokens here are ~658 characters), to tell size from checking
#   signature+budget the same as signature with the budget counting every request (USER_BUDGET=1000000 per 10 s:
#                    the same code path, never reached)
#   tokens           AUTH_SCHEMES=jwt, bearer tokens of the same 10,000 users (RS256, verified once, then
#                    remembered)
#   tokens-unremembered  the same with forecap.auth.jwt.remembered=0: every request checks an RSA signature
# and then the budget at its default (600 per minute) behind a trusted balancer:
#   clients          1,000 forwarded client addresses, each reading its own recap
#   clients+neighbour  the same while a second wrk reads one user from one more address (the load
#                    generator's CPU share of the next variant, without a scraper)
#   clients+scraper  the same while the second wrk walks through user ids from that address
# Usage: bash perf-tests/results/2026-12-04-who-may-read.sh [ROUNDS]   (from the repository root,
# after ./mvnw -B -DskipTests install; needs wrk and node)
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/java-env.sh
ROUNDS=${1:-3}
OUT=perf-tests/results/2026-12-04-who-may-read
rm -rf "$OUT"; mkdir -p "$OUT"
JAR=bootstrap/target/forecap.jar
PORT=3950 IDP_PORT=3951
TOKENS="$OUT/tokens.txt"
node perf-tests/jwt-provider.mjs "$IDP_PORT" 10000 "$TOKENS" > "$OUT/provider.log" 2>&1 &
IDP=$!
trap 'kill $IDP 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do grep -q ready "$OUT/provider.log" && break; sleep 0.2; done

start() {  # start VARIANT ENV...
  local variant=$1; shift
  env -i PATH="$PATH" HOME="$HOME" PORT=$PORT HOST=127.0.0.1 FORECAP_STORE=embedded EMBEDDED_USERS=20000 "$@" \
    java $(cat bin/jvm-options) -jar "$JAR" > "$OUT/service-$variant.log" 2>&1 &
  SERVICE=$!
  for _ in $(seq 1 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$PORT/health/ready)" = 200 ] && return 0
    sleep 0.1
  done
  echo "the service did not get ready" >&2; exit 1
}
stop() { kill "$SERVICE"; wait "$SERVICE" 2>/dev/null || true; }
load() {  # load NAME MIX SECONDS [ENV...]
  local name=$1 mix=$2 seconds=$3; shift 3
  env MIX=$mix HOT_USERS=10000 MAX_USER_ID=20000 TOKENS_FILE="$TOKENS" WRK_JSON="$OUT/$name.json" "$@" \
    wrk -t2 -c64 -d"${seconds}s" -s perf-tests/wrk/recap.lua "http://127.0.0.1:$PORT" > "$OUT/$name.txt"
}
measure() {  # measure VARIANT MIX ENV...
  local variant=$1 mix=$2; shift 2
  start "$variant" "$@"
  WRK_JSON= load "warm-$variant" "$mix" 10
  load "$variant-r$round" "$mix" 20
  stop
}
JWT_ENV=(AUTH_SCHEMES=jwt AUTH_JWT_JWKS_URI=http://127.0.0.1:$IDP_PORT/jwks AUTH_JWT_ISSUER=http://127.0.0.1:$IDP_PORT/
  AUTH_JWT_AUDIENCE=forecap-recap USER_BUDGET=0)
for round in $(seq 1 "$ROUNDS"); do
  measure signature hot USER_BUDGET=0
  PAD=580 measure signature+padding hot USER_BUDGET=0
  measure signature+budget hot USER_BUDGET=1000000 USER_BUDGET_WINDOW=PT10S
  measure tokens tokens "${JWT_ENV[@]}"
  measure tokens-unremembered tokens "${JWT_ENV[@]}" FORECAP_AUTH_JWT_REMEMBERED=0
  # the budget as shipped (600 per minute), behind a balancer on loopback, each from a fresh start
  start clients TRUSTED_PROXIES=127.0.0.1
  load "warm-clients" clients 10
  load "clients-r$round" clients 20
  stop
  for second in neighbour scraper; do
    start "clients+$second" TRUSTED_PROXIES=127.0.0.1
    load "warm-clients+$second" clients 10
    load "clients+$second-r$round" clients 20 &
    CLIENTS_WRK=$!
    if [ $second = neighbour ]; then
      load "neighbour-r$round" scraper 20 MAX_USER_ID=1
    else
      load "scraper-r$round" scraper 20
    fi
    wait $CLIENTS_WRK
    curl -s http://127.0.0.1:$PORT/metrics | grep '^http_refused_total.*user_budget' \
      > "$OUT/refused-$second-r$round.txt" || true
    stop
  done
done
python3 - "$OUT" <<'PY'
import json, glob, os, sys
out = sys.argv[1]
rows = {}
for path in sorted(glob.glob(os.path.join(out, "*-r*.json"))):
    name = os.path.basename(path)[:-5]
    variant, rnd = name.rsplit("-r", 1)
    rows.setdefault(variant, []).append(json.load(open(path)))
print("| variant | round | req/s | p50 ms | p99 ms | non-2xx |")
print("|---|---|---|---|---|---|")
for variant, runs in rows.items():
    for i, r in enumerate(runs, 1):
        print(f"| {variant} | {i} | {r['rps']:,.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['non_2xx']:,} |")
PY
