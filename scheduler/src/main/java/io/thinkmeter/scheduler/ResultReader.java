package io.thinkmeter.scheduler;

import com.fasterxml.jackson.databind.ObjectReader;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * A result on the results topic as the books need it: readable, with its tenant and request id. Anything
 * else is skipped here (the storage sink dead-letters it with the reason): without them there is nothing
 * to settle.
 */
final class ResultReader {

    private static final Logger LOG = LoggerFactory.getLogger(ResultReader.class);
    private static final ObjectReader READER = Json.forServices().readerFor(ProblemResult.class);

    private ResultReader() {}

    static Optional<ProblemResult> read(String key, String payload) {
        if (payload == null || payload.isBlank()) {
            return Optional.empty();
        }
        try {
            ProblemResult result = READER.readValue(payload);
            if (result == null || result.tenant() == null || result.requestId() == null) {
                LOG.debug("result {} names no tenant or request id: not settled", key);
                return Optional.empty();
            }
            return Optional.of(result);
        } catch (Exception e) {
            LOG.debug("result {} is unreadable: not settled ({})", key, e.getMessage());
            return Optional.empty();
        }
    }
}
