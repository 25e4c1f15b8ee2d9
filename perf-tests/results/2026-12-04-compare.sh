#!/usr/bin/env bash
# The comparison of 2026-12-04 (perf-tests/results/2026-12-04-compare/): this build as ./run.sh starts it
# (its ahead-of-time cache trained first, against the same MySQL and a Redis of its own), the build before
# this release (BEFORE_JAR, the jar of 0442e76, the landing before this work, with its libs/ beside it), the Go port and the NestJS
# original (built with ../shared/peers/build-go.sh and build-nest.sh), 1M users in the local MariaDB
# (forecap generate-test-data 1000000 into forecap_perf), 2 rounds in rotating order.
#   bash perf-tests/results/2026-12-04-compare.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/java-env.sh
BEFORE_JAR=${BEFORE_JAR:-/tmp/forecap-before/forecap.jar}
GO_BIN=${GO_BIN:-/tmp/peer-ports/go/forecap-go}
NEST_DIR=${NEST_DIR:-/tmp/peer-ports/nest/backend}
export MYSQL_HOST=127.0.0.1 MYSQL_USER=root MYSQL_DATABASE=forecap_perf MYSQL_PASSWORD=
TRAINING_REDIS_PORT=${TRAINING_REDIS_PORT:-6392}
redis-server --port "$TRAINING_REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --logfile /tmp/forecap-training-redis.log
sleep 0.5
# the training run, as run.sh does it
REDIS_HOST=127.0.0.1 REDIS_PORT=$TRAINING_REDIS_PORT PORT=0 FORECAP_WARM_UP=PT5S java $(cat bin/jvm-options) \
  -XX:AOTCacheOutput=bootstrap/target/forecap.aot -jar bootstrap/target/forecap.jar serve --exit-after-warm-up \
  > bootstrap/target/forecap-aot-training.log 2>&1
redis-cli -p "$TRAINING_REDIS_PORT" shutdown nosave || true
OUT=${1:-perf-tests/results/2026-12-04-compare}
perf-tests/compare.sh --out "$OUT" --rounds 2 \
  --candidate "forecap=3901=java $(cat bin/jvm-options) -XX:AOTCache=bootstrap/target/forecap.aot -Xlog:aot*=error -jar bootstrap/target/forecap.jar" \
  --candidate "forecap-before=3904=java $(cat bin/jvm-options) -jar $BEFORE_JAR" \
  --candidate "go=3902=$GO_BIN" \
  --candidate "nest=3903=cd $NEST_DIR && node dist/main.js"
