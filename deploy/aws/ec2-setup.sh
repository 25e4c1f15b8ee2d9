#!/usr/bin/env bash
# Prepares a fresh EC2 instance (Amazon Linux 2023 or Ubuntu 22.04) to run the Forecap compose stack:
# installs Docker with the compose (and buildx) plugins, starts Docker, lets the invoking user use it,
# and sets vm.overcommit_memory=1 for Redis. Safe to run again.
#
#   sudo bash deploy/aws/ec2-setup.sh        # from a clone of the repository
#   sudo bash ec2-setup.sh                   # or on its own
#
# Versions of the plugins downloaded on Amazon Linux (override through the environment if needed):
#   COMPOSE_VERSION (default v2.29.7), BUILDX_VERSION (default v0.17.1)
set -euo pipefail

COMPOSE_VERSION="${COMPOSE_VERSION:-v2.29.7}"
BUILDX_VERSION="${BUILDX_VERSION:-v0.17.1}"
PLUGIN_DIR=/usr/local/lib/docker/cli-plugins

log() { printf '\n==> %s\n' "$*"; }
die() { printf 'ec2-setup: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
  exec sudo --preserve-env=COMPOSE_VERSION,BUILDX_VERSION bash "$0" "$@"
fi

# The account that ran the script (through sudo), which gets access to Docker.
TARGET_USER="${SUDO_USER:-}"
if [ -z "$TARGET_USER" ] || [ "$TARGET_USER" = root ]; then
  TARGET_USER="$(logname 2>/dev/null || true)"
fi

[ -r /etc/os-release ] || die "/etc/os-release not found: unsupported system"
# shellcheck disable=SC1091
. /etc/os-release
OS_ID="${ID:-unknown}"
OS_VERSION="${VERSION_ID:-unknown}"

case "$(uname -m)" in
  x86_64)         COMPOSE_ARCH=x86_64;  BUILDX_ARCH=amd64 ;;
  aarch64|arm64)  COMPOSE_ARCH=aarch64; BUILDX_ARCH=arm64 ;;
  *) die "unsupported CPU architecture $(uname -m)" ;;
esac

# Downloads a Docker CLI plugin and checks it against the release's published SHA-256 sums.
install_plugin() {
  local name="$1" url="$2" sums_url="$3" asset="$4" tmp
  tmp="$(mktemp -d)"
  curl -fsSL --retry 3 -o "$tmp/$asset" "$url"
  curl -fsSL --retry 3 -o "$tmp/sums" "$sums_url"
  (cd "$tmp" && grep -E "[ *]${asset}\$" sums | sha256sum -c --quiet -) \
    || die "checksum of $asset does not match"
  install -d -m 0755 "$PLUGIN_DIR"
  install -m 0755 "$tmp/$asset" "$PLUGIN_DIR/$name"
  rm -rf "$tmp"
}

install_amazon_linux() {
  log "Amazon Linux $OS_VERSION: installing docker"
  dnf install -y docker

  if docker compose version > /dev/null 2>&1; then
    log "docker compose plugin already present"
  else
    log "installing the docker compose plugin $COMPOSE_VERSION"
    local base="https://github.com/docker/compose/releases/download/$COMPOSE_VERSION"
    install_plugin docker-compose "$base/docker-compose-linux-$COMPOSE_ARCH" \
      "$base/docker-compose-linux-$COMPOSE_ARCH.sha256" "docker-compose-linux-$COMPOSE_ARCH"
  fi

  if docker buildx version > /dev/null 2>&1; then
    log "docker buildx plugin already present"
  else
    # BuildKit builds (the Dockerfile's cache mount) go through buildx.
    log "installing the docker buildx plugin $BUILDX_VERSION"
    local base="https://github.com/docker/buildx/releases/download/$BUILDX_VERSION"
    install_plugin docker-buildx "$base/buildx-$BUILDX_VERSION.linux-$BUILDX_ARCH" \
      "$base/checksums.txt" "buildx-$BUILDX_VERSION.linux-$BUILDX_ARCH"
  fi
}

install_ubuntu() {
  log "Ubuntu $OS_VERSION: installing docker.io and docker-compose-v2"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -y
  apt-get install -y ca-certificates curl docker.io docker-compose-v2
  if apt-cache show docker-buildx > /dev/null 2>&1; then
    apt-get install -y docker-buildx
  fi
}

case "$OS_ID" in
  amzn)
    [ "$OS_VERSION" = 2023 ] || printf 'ec2-setup: tested on Amazon Linux 2023, this is %s; going on\n' "$OS_VERSION" >&2
    install_amazon_linux
    ;;
  ubuntu)
    [ "$OS_VERSION" = 22.04 ] || printf 'ec2-setup: tested on Ubuntu 22.04, this is %s; going on\n' "$OS_VERSION" >&2
    install_ubuntu
    ;;
  *)
    die "unsupported system '$OS_ID' (Amazon Linux 2023 or Ubuntu 22.04 expected)"
    ;;
esac

log "enabling and starting docker"
systemctl enable --now docker
docker version --format 'docker engine {{.Server.Version}}'
docker compose version

if [ -n "$TARGET_USER" ] && [ "$TARGET_USER" != root ] && id "$TARGET_USER" > /dev/null 2>&1; then
  log "adding $TARGET_USER to the docker group (takes effect at the next login, or run: newgrp docker)"
  usermod -aG docker "$TARGET_USER"
fi

# Redis: with overcommit off a fork (BGSAVE, replication) can fail under memory pressure; Redis warns
# at start unless this is 1. Persistence is off in deploy/redis/redis.conf, but the setting is cheap.
log "setting vm.overcommit_memory=1 (recommended for Redis), now and at boot"
printf 'vm.overcommit_memory = 1\n' > /etc/sysctl.d/99-forecap-redis.conf
sysctl -q -w vm.overcommit_memory=1

# When run from a clone: prepare deploy/.env from the example.
DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -f "$DEPLOY_DIR/.env.example" ] && [ -f "$DEPLOY_DIR/docker-compose.production.yml" ]; then
  if [ -f "$DEPLOY_DIR/.env" ]; then
    log "$DEPLOY_DIR/.env already exists; left as it is"
  else
    cp "$DEPLOY_DIR/.env.example" "$DEPLOY_DIR/.env"
    chmod 600 "$DEPLOY_DIR/.env"
    if [ -n "$TARGET_USER" ] && id "$TARGET_USER" > /dev/null 2>&1; then
      chown "$TARGET_USER": "$DEPLOY_DIR/.env"
    fi
    log "created $DEPLOY_DIR/.env from .env.example: change the passwords in it before starting"
  fi
  NEXT_DIR="$DEPLOY_DIR"
else
  NEXT_DIR="<clone>/deploy"
fi

cat <<NEXT

Docker is ready. Next (log out and in first so that the docker group applies):

  cd $NEXT_DIR
  \${EDITOR:-vi} .env                    # set the passwords
  docker compose -f docker-compose.production.yml up -d --build
  docker compose -f docker-compose.production.yml ps
  docker compose -f docker-compose.production.yml run --rm generator            # 10M test users
  curl -s http://localhost:3000/health

NEXT
