package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A batch ingest accepted: the batches-topic payload (key = the batch id), schema 1. Ingest writes it
 * in the same Kafka transaction as the batch's requests, so either the batch and every one of its
 * requests are in Kafka, or none of them is; the storage sink turns it into the {@code batches} row.
 *
 * @param id the batch id: derived from the tenant and the idempotency key, so a resubmission gets the same id
 * @param inputFormat thinkmeter, openai or mixed
 * @param requestCount how many requests the batch holds (its non-empty lines, samples counted)
 * @param idempotencyKey the key the client sent (or ingest chose) for the batch; each line's request id derives from it
 * @param fingerprint SHA-256 of what was submitted (body and defaults), so a key reused for another batch is refused
 * @param createdAt when ingest accepted it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchAccepted(int schemaVersion, String id, String tenant, String inputFormat, int requestCount,
                            String idempotencyKey, String fingerprint, Instant createdAt) {

    public static final int SCHEMA_VERSION = 1;
}
