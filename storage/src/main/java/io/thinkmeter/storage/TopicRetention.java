package io.thinkmeter.storage;

import java.time.Instant;

/**
 * How far back the results topic, as read for an audit, still reaches: Kafka deletes records older than
 * the topic's retention (7 days by default), and a results row whose result was deleted with them cannot be
 * checked against the topic. Such a row is counted as beyond the topic's retention, not as missing from it;
 * it is still checked against its ledger row and the hash chain.
 */
@FunctionalInterface
public interface TopicRetention {

    /** The topic holds every result it was ever given: nothing was deleted. */
    TopicRetention WHOLE = requestId -> null;

    /**
     * @return the instant from which the topic still holds every result that could carry this request id (the
     *         first retained record of its partition), or null when nothing was deleted there
     */
    Instant retainedSince(String requestId);
}
