#!/bin/bash
# kafka-run-class.sh of the stand-in: runs a Kafka main class with every jar of /opt/kafka/libs. The
# command line tools log warnings only (to stderr), as the distribution's do; kafka-server-start.sh asks
# for info on stdout. KAFKA_HEAP_OPTS and KAFKA_OPTS work as in the distribution.
base=$(cd "$(dirname "$0")/.." && pwd)
# tools start a short-lived JVM each (the compose healthcheck runs one every 10 s): C1 only starts faster
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=${STAND_IN_LOG_LEVEL:-warn} \
  -Dorg.slf4j.simpleLogger.showDateTime=true \
  ${KAFKA_OPTS:-} -cp "$base/libs/*" "$@"
