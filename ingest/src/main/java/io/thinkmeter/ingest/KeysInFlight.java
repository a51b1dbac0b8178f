package io.thinkmeter.ingest;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The submissions this instance is publishing right now, by the id their idempotency key derives.
 * A second submission with the same key while the first is unanswered is refused (409, retry) rather
 * than published beside it: whether the first will be accepted is not known yet, so neither "accepted"
 * nor "a different batch" could be said truthfully.
 */
@ApplicationScoped
public class KeysInFlight {

    /** Held while a submission is published; closing it lets the key be used again. */
    public interface Claim extends AutoCloseable {
        @Override
        void close();
    }

    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    /** @throws ApiException 409 when a submission with the same derived id is in flight */
    public Claim claim(String id, IdempotencyKey key) {
        if (!ids.add(id)) {
            throw new ApiException(409, "a submission with this Idempotency-Key is still being processed",
                    List.of(IdempotencyKey.HEADER + " '" + key.value() + "' belongs to a submission that has not "
                            + "been answered yet: retry once it has"));
        }
        return () -> ids.remove(id);
    }
}
