package io.thinkmeter.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class TransientFailureTest {

    @Test
    void shouldReplaceTheThreadWhenABrokerOutageOutlastedStreamsOwnRetries() {
        Throwable outage = new StreamsException("task timed out", new TimeoutException("Expiring 3 record(s)"));
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, SchedulerMain.onStreamThreadFailure(outage));
    }

    @Test
    void shouldStopOnAFailureThatWouldRepeatForEveryRecord() {
        Throwable bug = new StreamsException("processor failed", new IllegalStateException("a bug"));
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, SchedulerMain.onStreamThreadFailure(bug));
    }
}
