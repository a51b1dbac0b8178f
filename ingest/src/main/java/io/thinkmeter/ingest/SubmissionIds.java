package io.thinkmeter.ingest;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Every id ingest gives out, derived from the tenant and the submission's idempotency key (name-based
 * UUIDs), never drawn at random: a resubmission with the same key lands on the same batch and request
 * ids, so PostgreSQL, the scheduler and the sink all see it as the same work. The tenant is part of
 * the name, so two tenants using one key never share an id.
 */
final class SubmissionIds {

    private SubmissionIds() {}

    static String batch(String tenant, IdempotencyKey key) {
        return uuid("batch\n" + tenant + "\n" + key.value());
    }

    /** The request of {@code batchId} at input position {@code sequence} (samples counted). */
    static String batchRequest(String batchId, int sequence) {
        return uuid("request\n" + batchId + "\n" + sequence);
    }

    static String problem(String tenant, IdempotencyKey key) {
        return uuid("problem\n" + tenant + "\n" + key.value());
    }

    /**
     * Sample k (from 0) of a chat completion: sample 0 is the problem's id, so a completion of one choice is
     * exactly one problem under the key ({@code GET /v1/problems/{id}} finds it); the others derive from it.
     */
    static String chatSample(String tenant, IdempotencyKey key, int k) {
        return k == 0 ? problem(tenant, key) : uuid("problem\n" + tenant + "\n" + key.value() + "\n#" + k);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
