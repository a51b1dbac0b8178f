#!/usr/bin/env bash
# Makes a Docker daemon and compose v2 available on a Debian build machine, as root (CI and the build
# machines have a Docker client but no daemon). Idempotent: each step is skipped when already done.
#
#   ops/docker/install-docker.sh
#
# Steps: docker.io from apt when there is no dockerd; compose v2 as a CLI plugin when `docker compose
# version` fails (Debian 12 ships only compose 1.29, which rejects the file's top-level `name:`, so the
# pinned Debian 13 package is used: it needs only libc6 >= 2.34); the daemon, when `docker info` does
# not answer. No buildx: with it the 28.x client switches `docker build` to BuildKit, which wants to
# pull frontend images from a registry; the legacy builder needs nothing.
#
# The daemon runs with --iptables=false --ip-masq=false --bridge=none so the host's network and
# iptables stay as they are. Consequence: no default `bridge` network; compose's own networks work.
set -euo pipefail

COMPOSE_DEB_URL=http://deb.debian.org/debian/pool/main/d/docker-compose/docker-compose_2.26.1-4_amd64.deb
COMPOSE_DEB_SHA256=47681197cb2b1ab88206b42a1a92fc75f50d9530a6322d03494a473eed0408ea
PLUGIN_DIR=/usr/local/lib/docker/cli-plugins
DATA_ROOT=${THINKMETER_DOCKER_DATA_ROOT:-/var/lib/docker-thinkmeter}
DAEMON_LOG=${THINKMETER_DOCKER_LOG:-/var/log/dockerd-thinkmeter.log}
WAIT_S=${THINKMETER_DOCKER_WAIT_S:-60}
CACHE=${THINKMETER_IMAGE_CACHE:-$HOME/.cache/thinkmeter-images}

T0=$(date +%s)
step() { echo "install-docker: [$(( $(date +%s) - T0 ))s] $*"; }
fail() { echo "install-docker: error: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root (apt-get and dockerd need it)"

if command -v dockerd >/dev/null 2>&1; then
  step "dockerd present: $(dockerd --version)"
else
  step "installing docker.io"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || fail "apt-get update failed"
  apt-get install -y -qq --no-install-recommends docker.io >/dev/null || fail "apt-get install docker.io failed"
  step "installed $(dockerd --version)"
fi

if docker compose version >/dev/null 2>&1; then
  step "compose present: $(docker compose version)"
else
  mkdir -p "$CACHE" "$PLUGIN_DIR"
  deb="$CACHE/$(basename "$COMPOSE_DEB_URL")"
  # a deb left in /tmp by an earlier manual download is reused when its checksum matches
  if [ ! -f "$deb" ] && [ -f "/tmp/$(basename "$deb")" ]; then cp "/tmp/$(basename "$deb")" "$deb"; fi
  if [ ! -f "$deb" ] || ! echo "$COMPOSE_DEB_SHA256  $deb" | sha256sum -c --quiet - >/dev/null 2>&1; then
    step "downloading $COMPOSE_DEB_URL"
    curl -fsSL --retry 3 -o "$deb.part" "$COMPOSE_DEB_URL" || fail "download of $COMPOSE_DEB_URL failed"
    mv "$deb.part" "$deb"
  fi
  echo "$COMPOSE_DEB_SHA256  $deb" | sha256sum -c --quiet - || fail "$deb: sha256 is not $COMPOSE_DEB_SHA256"
  tmp=$(mktemp -d)
  dpkg-deb -x "$deb" "$tmp"
  install -m 0755 "$tmp/usr/libexec/docker/cli-plugins/docker-compose" "$PLUGIN_DIR/docker-compose"
  rm -rf "$tmp"
  docker compose version >/dev/null 2>&1 || fail "docker compose still fails after installing $PLUGIN_DIR/docker-compose"
  step "installed $(docker compose version)"
fi

if docker info >/dev/null 2>&1; then
  step "daemon answers"
else
  step "starting dockerd (data root $DATA_ROOT, log $DAEMON_LOG)"
  mkdir -p "$DATA_ROOT" "$(dirname "$DAEMON_LOG")"
  setsid dockerd --iptables=false --ip-masq=false --bridge=none --data-root "$DATA_ROOT" \
    >>"$DAEMON_LOG" 2>&1 < /dev/null &
  for _ in $(seq 1 "$WAIT_S"); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || fail "dockerd did not answer within ${WAIT_S}s; see $DAEMON_LOG"
  step "daemon answers"
fi
step "done"
