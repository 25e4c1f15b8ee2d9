#!/usr/bin/env bash
# Runs every test: unit and property tests, HTTP and architecture tests, and the integration tests
# (the built jar, the local MariaDB and Redis, Prometheus, the k6 scripts' type check). Installs the
# Debian packages it drives when they are missing. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"
. bin/java-env.sh
. bin/ensure-tools.sh
exec ./mvnw -B verify "$@"
