# One image for every Thinkmeter service in docker-compose.yml: the ingest, scheduler, worker and sink
# Quarkus apps, the command line (for `thinkmeter service migrate`), the shipped models and the launcher,
# in the repository's layout under /app.
#
# It copies what `mvn -B package -DskipTests` built on the host, so it needs no Maven, no registry for
# build tools and no BuildKit: a plain `docker build -t thinkmeter:0.1.0-SNAPSHOT .` (the legacy builder)
# works, as does `docker compose build`. .dockerignore keeps the context to exactly what is copied here.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}
# curl for the compose healthchecks: installed only when the base lacks it (the official JRE image does;
# the stand-in of ops/docker/local-images.sh has it, so no network is needed there)
RUN if ! command -v curl >/dev/null; then \
      apt-get update \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
      && rm -rf /var/lib/apt/lists/*; \
    fi \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin thinkmeter \
    && mkdir -p /app/state \
    && chown thinkmeter:thinkmeter /app /app/state
WORKDIR /app
# the biggest and least changing layer first: the command line's dependencies (for migrate)
COPY ops/target/lib/ ops/target/lib/
COPY ops/target/thinkmeter-ops-0.1.0-SNAPSHOT.jar ops/target/
COPY models/ models/
COPY scheduler/target/quarkus-app/ scheduler/target/quarkus-app/
COPY sink/target/quarkus-app/ sink/target/quarkus-app/
COPY workers/target/quarkus-app/ workers/target/quarkus-app/
COPY ingest/target/quarkus-app/ ingest/target/quarkus-app/
COPY thinkmeter ./thinkmeter
USER thinkmeter
# Each compose service gives its own command: java -jar MODULE/target/quarkus-app/quarkus-run.jar, or
# ./thinkmeter service migrate for the one-shot job.
CMD ["./thinkmeter", "--help"]
