#!/bin/bash
# The broker: info log lines on stdout (Testcontainers waits for one), a heap sized for one test broker.
export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx512m -Xms128m}
export KAFKA_JVM_PERFORMANCE_OPTS=${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20}
export STAND_IN_LOG_LEVEL=${STAND_IN_LOG_LEVEL:-info}
export KAFKA_OPTS="${KAFKA_OPTS:-} -Dorg.slf4j.simpleLogger.logFile=System.out -Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn"
exec "$(dirname "$0")/kafka-run-class.sh" kafka.Kafka "$@"
