# Sourced by test.sh: installs the Debian packages the test suite drives when they are missing
# (wrk for the harness, Prometheus with promtool and the exporters for the observability checks,
# and the engines the scale-out tests start privately: redis-server and redis-cli, mariadbd, haproxy, openssl).
# Needs root (or sudo) and the Debian package registry; otherwise says what to install and goes on.
forecap_missing=()
command -v wrk >/dev/null || forecap_missing+=(wrk)
command -v promtool >/dev/null || forecap_missing+=(prometheus)
command -v prometheus-node-exporter >/dev/null || forecap_missing+=(prometheus-node-exporter)
command -v prometheus-mysqld-exporter >/dev/null || forecap_missing+=(prometheus-mysqld-exporter)
command -v prometheus-redis-exporter >/dev/null || forecap_missing+=(prometheus-redis-exporter)
command -v redis-server >/dev/null || forecap_missing+=(redis-server)
command -v redis-cli >/dev/null || forecap_missing+=(redis-tools)
command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || forecap_missing+=(mariadb-server)
command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || forecap_missing+=(haproxy)
command -v openssl >/dev/null || forecap_missing+=(openssl)
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
