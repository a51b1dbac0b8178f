package io.thinkmeter.sink;

/**
 * How the storage sink reads Kafka.
 *
 * @param maxPollRecords the most records one poll returns, and so one database transaction writes:
 *                       larger polls mean fewer commits and round trips (see BENCHMARKS.md, "Storage sink")
 */
public record SinkSettings(int maxPollRecords) {

    public SinkSettings {
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("maxPollRecords must be at least 1, was " + maxPollRecords);
        }
    }

    public static SinkSettings defaults() {
        return new SinkSettings(2000);
    }
}
