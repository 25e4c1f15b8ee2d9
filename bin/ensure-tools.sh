# Sourced by test.sh: installs the Debian packages the test suite drives when they are missing
# (wrk for the harness, Prometheus with promtool and the exporters for the observability checks).
# Needs root (or sudo) and the Debian package registry; otherwise says what to install and goes on.
forecap_missing=()
command -v wrk >/dev/null || forecap_missing+=(wrk)
command -v promtool >/dev/null || forecap_missing+=(prometheus)
command -v prometheus-node-exporter >/dev/null || forecap_missing+=(prometheus-node-exporter)
command -v prometheus-mysqld-exporter >/dev/null || forecap_missing+=(prometheus-mysqld-exporter)
command -v prometheus-redis-exporter >/dev/null || forecap_missing+=(prometheus-redis-exporter)
if [ ${#forecap_missing[@]} -gt 0 ]; then
  forecap_sudo=""
  [ "$(id -u)" = 0 ] || forecap_sudo="sudo -n"
  echo "installing ${forecap_missing[*]}" >&2
  if ! { $forecap_sudo apt-get install -y -qq "${forecap_missing[@]}" >/dev/null 2>&1 \
      || { $forecap_sudo apt-get update -qq >/dev/null 2>&1 && $forecap_sudo apt-get install -y -qq "${forecap_missing[@]}" >/dev/null 2>&1; }; }; then
    echo "could not install ${forecap_missing[*]}: install them with apt-get before running the tests" >&2
  fi
fi
unset forecap_missing forecap_sudo
