package io.thinkmeter.ingest;

import java.time.Duration;
import java.util.Optional;

/** Reads {@code ?wait=true&timeout=20s}: how long a submission may hold its connection for the result. */
final class WaitParams {

    private WaitParams() {}

    /**
     * @param maxWait the service's cap: a caller asking for longer gets this, never an unbounded wait
     * @return empty when the caller does not want to wait
     */
    static Optional<Duration> parse(String wait, String timeout, Duration maxWait) {
        boolean waiting = QueryParams.flag("wait", wait);
        boolean timeoutGiven = timeout != null && !timeout.isEmpty();
        if (!waiting) {
            if (timeoutGiven) {
                // a timeout without wait=true would be silently ignored; better to say so
                throw ApiException.badRequest("query parameter timeout applies only with wait=true, was given as '"
                        + timeout + "' without it");
            }
            return Optional.empty();
        }
        Duration asked = timeoutGiven ? QueryParams.duration("timeout", timeout) : maxWait;
        return Optional.of(asked.compareTo(maxWait) > 0 ? maxWait : asked);
    }
}
