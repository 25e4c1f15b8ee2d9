#!/usr/bin/env bash
# The 10M-user run on the production stack's own limits (perf-tests/results/2026-12-05-stack-10m.md), as it was
# run: the compose file under Podman, 10M users generated in the stack, the guide's realistic mix (Scenario 5) from
# a cold cache for 10 minutes, then after `warm-cache`, then the Go port in the API's place, then the sizing the
# run chose. Needs root, Podman (deploy/test/stack-test.sh installs it), wrk and the Go port's binary
# (PEER_MIRROR=... bash ../shared/peers/build-go.sh). About 45 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-perf-tests/results/2026-12-05-stack-10m}
GO=${GO:-/tmp/peer-ports/go/forecap-go}

# 1. The stack as it was then: api 1 GB, mysql 1280 MB, redis 1152 MB with maxmemory 1gb (the compose file and
#    redis.conf of 8cedaa6, put back into the working tree for part 1 and restored before part 2).
git show 8cedaa6:deploy/docker-compose.production.yml > deploy/docker-compose.production.yml
git show 8cedaa6:deploy/redis/redis.conf > deploy/redis/redis.conf
trap 'git checkout -- deploy/docker-compose.production.yml deploy/redis/redis.conf' EXIT
perf-tests/stack.sh up --out "$OUT"
perf-tests/stack.sh generate 10000000 --out "$OUT"
perf-tests/stack.sh run cold --fresh --restart-mysql --seconds 600 --out "$OUT"
perf-tests/stack.sh warm-cache --ids 1-10000000 --out "$OUT"
perf-tests/stack.sh run warm --seconds 300 --out "$OUT"
perf-tests/stack.sh go-port "$GO" --out "$OUT"
perf-tests/stack.sh run go-cold --fresh --restart-mysql --seconds 600 --ready /health --out "$OUT"
perf-tests/stack.sh api --out "$OUT"

# 2. The sizing chosen from it (this commit's deploy/): api 640 MB, mysql 1152 MB, redis 1664 MB, maxmemory 1536mb.
perf-tests/stack.sh down --volumes --out "$OUT"
git checkout -- deploy/docker-compose.production.yml deploy/redis/redis.conf
perf-tests/stack.sh up --out "$OUT"
perf-tests/stack.sh generate 10000000 --phase sized-generate --out "$OUT"
perf-tests/stack.sh warm-cache sized-warm-cache --ids 1-6000000 --out "$OUT"
perf-tests/stack.sh run sized-warm --seconds 300 --out "$OUT"

perf-tests/stack.sh report --out "$OUT"
perf-tests/stack.sh down --volumes --out "$OUT"
