#!/usr/bin/env bash
# Builds the service (tests skipped) and runs it on the embedded data set at http://localhost:3000.
# Arguments go to the jar: ./run.sh --help, ./run.sh generate-test-data 1000000, ...
set -euo pipefail
cd "$(dirname "$0")"
. bin/java-env.sh
./mvnw -B -q -DskipTests package
# The JVM flags every launcher uses (bin/jvm-options; chosen by measurement, see
# perf-tests/results/2026-11-29-jvm.md); JAVA_OPTS replaces them.
OPTS=${JAVA_OPTS:-$(cat bin/jvm-options)}
JAR=bootstrap/target/forecap.jar
if [ $# -eq 0 ] || [ "$1" = serve ]; then
  # The service starts from the JDK's ahead-of-time cache (classes loaded and linked, method profiles),
  # made by a training run whenever the jar is newer than it: the service started on a free port against
  # the same stores, its start-up warm-up for 5 s, then stopped (it touches no user data). See README,
  # Running the jar.
  AOT=bootstrap/target/forecap.aot
  if [ ! -f "$AOT" ] || [ "$JAR" -nt "$AOT" ]; then
    echo "run.sh: training the ahead-of-time cache ($AOT, about 15 s, once per build)" >&2
    # shellcheck disable=SC2086
    PORT=0 FORECAP_WARM_UP=PT5S java $OPTS -XX:AOTCacheOutput="$AOT" -jar "$JAR" serve --exit-after-warm-up \
      > bootstrap/target/forecap-aot-training.log 2>&1 \
      || echo "run.sh: the training run failed (see bootstrap/target/forecap-aot-training.log); starting without the cache" >&2
  fi
  # -Xlog:aot*=error: JDK 25 warns about parts of the cache it does not use; the cache still serves
  [ -f "$AOT" ] && OPTS="$OPTS -XX:AOTCache=$AOT -Xlog:aot*=error"
  # shellcheck disable=SC2086
  exec java $OPTS -jar "$JAR" "$@"
fi
# Other commands: a class-data archive, written at the first exit and reused after (recreated when the
# jar changes), cuts the JVM's start by about a third.
# shellcheck disable=SC2086
exec java $OPTS -XX:SharedArchiveFile=bootstrap/target/forecap.jsa -XX:+AutoCreateSharedArchive -jar "$JAR" "$@"
