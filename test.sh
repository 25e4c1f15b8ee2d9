#!/usr/bin/env bash
# Runs every test: unit and property tests, HTTP and architecture tests, and the integration tests
# (the built jar, the local MariaDB and Redis). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"
. bin/java-env.sh
exec ./mvnw -B verify "$@"
