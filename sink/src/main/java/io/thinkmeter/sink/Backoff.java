package io.thinkmeter.sink;

import java.time.Duration;

/** Waits between retries: 200 ms, doubling on each failure up to 10 s, and back to 200 ms after a success. */
final class Backoff {

    static final Duration FIRST = Duration.ofMillis(200);
    static final Duration MAX = Duration.ofSeconds(10);

    private Duration next = FIRST;
    private int failures;

    /** The wait before the next try, after one more failure. */
    Duration next() {
        Duration wait = next;
        next = wait.multipliedBy(2).compareTo(MAX) > 0 ? MAX : wait.multipliedBy(2);
        failures++;
        return wait;
    }

    /** Failures since the last success: the attempt number the log shows. */
    int failures() {
        return failures;
    }

    void reset() {
        next = FIRST;
        failures = 0;
    }
}
