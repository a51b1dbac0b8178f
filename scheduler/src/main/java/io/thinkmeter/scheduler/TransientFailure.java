package io.thinkmeter.scheduler;

import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.common.errors.UnknownProducerIdException;

/** Whether a Kafka failure is one that passes by itself (a broker or network outage), judged by its causes. */
final class TransientFailure {

    private static final int MAX_DEPTH = 16;

    private TransientFailure() {}

    /**
     * A broker that was away longer than the transaction timeout has aborted the stream thread's open
     * transaction and forgotten its producer: the thread's next send or commit then fails with one of these.
     * Brokers before KAFKA-19690 answer that case with InvalidTxnStateException instead of an epoch error
     * ("add epoch check before verification guard check"), which Kafka Streams takes as fatal; and a
     * transaction whose batches expired in the outage ends abortable. Under exactly-once, a fresh thread
     * aborts nothing more and resumes from the last committed offsets.
     */
    private static boolean expiredByTheOutage(Throwable t) {
        return t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException
                || t instanceof InvalidPidMappingException || t instanceof UnknownProducerIdException
                || t instanceof InvalidTxnStateException || t instanceof TransactionAbortableException;
    }

    /**
     * A commit that timed out in the outage leaves the thread's producer waiting for that commit to be
     * retried; Kafka Streams 4.1 does not retry it, so the thread's first send after the outage fails with
     * Kafka's IllegalStateException "Cannot attempt operation `send` because the previous call to
     * `commitTransaction` timed out and must be retried". Only a new producer gets past it: a fresh thread
     * has one, which aborts the half-committed transaction and resumes from the last committed offsets.
     */
    private static boolean commitLeftPendingByTheOutage(Throwable t) {
        return t instanceof IllegalStateException && t.getMessage() != null
                && t.getMessage().contains("timed out and must be retried");
    }

    static boolean isTransient(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            // TimeoutException is a RetriableException too, as are NetworkException and NotLeaderOrFollower
            if (t instanceof RetriableException || expiredByTheOutage(t) || commitLeftPendingByTheOutage(t)) {
                return true;
            }
        }
        return false;
    }
}
