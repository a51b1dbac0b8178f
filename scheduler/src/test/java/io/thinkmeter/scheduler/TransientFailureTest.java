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
    void shouldReplaceTheThreadWhenTheOutageOutlastedItsTransaction() {
        Throwable expired = new StreamsException("commit failed",
                new org.apache.kafka.common.errors.InvalidPidMappingException("the producer id is no longer known"));
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, SchedulerMain.onStreamThreadFailure(expired));
        Throwable fenced = new StreamsException("send failed",
                new org.apache.kafka.common.errors.InvalidProducerEpochException("epoch bumped by the broker"));
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, SchedulerMain.onStreamThreadFailure(fenced));
        // KAFKA-19690: a broker that aborted the transaction may answer the thread's next request this way
        Throwable aborted = new StreamsException("commit failed",
                new org.apache.kafka.common.errors.InvalidTxnStateException("the transaction is not in a valid state"));
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, SchedulerMain.onStreamThreadFailure(aborted));
        Throwable abortable = new StreamsException("send failed",
                new org.apache.kafka.common.errors.TransactionAbortableException("batches expired in the outage"));
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, SchedulerMain.onStreamThreadFailure(abortable));
    }

    @Test
    void shouldReplaceTheThreadWhenACommitTimedOutInTheOutageAndWasNeverRetried() {
        // seen in OutageIT after 130 s without a broker: Kafka's own message, from its TransactionManager
        Throwable pending = new StreamsException("Exception caught in process. taskId=2_0",
                new IllegalStateException("Cannot attempt operation `send` because the previous call to"
                        + " `commitTransaction` timed out and must be retried"));
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, SchedulerMain.onStreamThreadFailure(pending));
    }

    @Test
    void shouldStopOnAFailureThatWouldRepeatForEveryRecord() {
        Throwable bug = new StreamsException("processor failed", new IllegalStateException("a bug"));
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, SchedulerMain.onStreamThreadFailure(bug));
    }
}
