#!/usr/bin/env bash
# Builds the service (tests skipped) and runs it on the embedded data set at http://localhost:3000.
# Arguments go to the jar: ./run.sh --help, ./run.sh generate-test-data 1000000, ...
set -euo pipefail
cd "$(dirname "$0")"
. bin/java-env.sh
./mvnw -B -q -DskipTests package
# Generational ZGC keeps pauses short while the near cache churns (see perf-tests/results/).
exec java ${JAVA_OPTS:--XX:+UseZGC} -jar bootstrap/target/forecap.jar "$@"
