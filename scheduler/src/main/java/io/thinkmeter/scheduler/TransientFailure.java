package io.thinkmeter.scheduler;

import org.apache.kafka.common.errors.RetriableException;

/** Whether a Kafka failure is one that passes by itself (a broker or network outage), judged by its causes. */
final class TransientFailure {

    private static final int MAX_DEPTH = 16;

    private TransientFailure() {}

    static boolean isTransient(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            // TimeoutException is a RetriableException too, as are NetworkException and NotLeaderOrFollower
            if (t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }
}
