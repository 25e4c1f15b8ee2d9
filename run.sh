#!/usr/bin/env bash
# Builds the service (tests skipped) and runs it on the embedded data set at http://localhost:3000.
# Arguments go to the jar: ./run.sh --help, ./run.sh generate-test-data 1000000, ...
set -euo pipefail
cd "$(dirname "$0")"
. bin/java-env.sh
./mvnw -B -q -DskipTests package
# The JVM flags every launcher uses (bin/jvm-options; chosen by measurement, see
# perf-tests/results/2026-11-29-jvm.md); JAVA_OPTS replaces them.
# A class-data archive, written at the first exit and reused after (recreated when the jar changes), cuts
# the JVM's start by about a third.
exec java ${JAVA_OPTS:-$(cat bin/jvm-options)} -XX:SharedArchiveFile=bootstrap/target/forecap.jsa \
  -XX:+AutoCreateSharedArchive -jar bootstrap/target/forecap.jar "$@"
