# Sourced by the project's scripts: points JAVA_HOME at a JDK 21 or newer (Helidon 4 needs it) when
# the current one is older or unset. Prefers an existing JAVA_HOME, then Temurin 25, then any JDK >= 21
# under /usr/lib/jvm.
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}
forecap_java_home() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "forecap: no JDK 21 or newer found; install one (e.g. Temurin 25) and set JAVA_HOME" >&2
  return 1
}
forecap_java_home
export PATH="$JAVA_HOME/bin:$PATH"
