# syntax=docker/dockerfile:1
# One image for every Thinkmeter service in docker-compose.yml: the ingest, scheduler, worker and sink
# Quarkus apps, the command line (migrate) and the shipped models. Written for docker-compose.yml; never run
# on the build machines, which have no Docker daemon (see ops/README.md, "docker-compose").

# ---- build: Maven and JDK 17 --------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY contracts/ contracts/
COPY chat/ chat/
COPY testkit/ testkit/
COPY scheduler/ scheduler/
COPY migrations/ migrations/
COPY storage/ storage/
COPY engine/ engine/
COPY workers/ workers/
COPY sink/ sink/
COPY grading/ grading/
COPY evaluation/ evaluation/
COPY ops/ ops/
COPY ingest/ ingest/
COPY licenses/ licenses/
# The local repository is a build cache, kept between builds.
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests package

# ---- runtime: JRE 17, the built artifacts in the repository's layout ------------------------------
FROM eclipse-temurin:17-jre
# curl for the compose healthchecks
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin thinkmeter
WORKDIR /app
COPY --from=build /build/ingest/target/quarkus-app/ ingest/target/quarkus-app/
COPY --from=build /build/workers/target/quarkus-app/ workers/target/quarkus-app/
COPY --from=build /build/scheduler/target/quarkus-app/ scheduler/target/quarkus-app/
COPY --from=build /build/sink/target/quarkus-app/ sink/target/quarkus-app/
COPY --from=build /build/ops/target/thinkmeter-ops-0.1.0-SNAPSHOT.jar ops/target/
COPY --from=build /build/ops/target/lib/ ops/target/lib/
COPY models/ models/
COPY thinkmeter ./thinkmeter
RUN chmod 0755 thinkmeter && mkdir -p state && chown -R thinkmeter:thinkmeter /app
USER thinkmeter
# Each compose service gives its own command: java -jar MODULE/target/quarkus-app/quarkus-run.jar, or
# ./thinkmeter service migrate for the one-shot job.
CMD ["./thinkmeter", "--help"]
