package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A problem produced straight to Kafka, on {@link Topics#PROBLEMS} or a tenant's own problems topic:
 * the smallest record a Kafka-native client (kcat, the console producer, Kafka Connect) can write.
 * What it leaves out, the platform fills: the tenant (from the topic or the {@link Topics#TENANT_HEADER}
 * header), the request id, the submission time (the record's timestamp) and the pool.
 * <pre>{"problem": "Compute 478 + 356.", "budget": 96, "method": "ts", "client_id": "q17", "batch": "nightly-7"}</pre>
 *
 * @param schemaVersion optional; 1 when given
 * @param clientId the producer's own id for the problem; with {@code batch}, what makes a problem the
 *                 same problem when it is produced again (it runs once)
 * @param batch the producer's name for a set of problems (1 to 64 letters, digits, '_', '.', '-'); its
 *              results carry it
 * @param level the TLDR level, or the pool when given; optional
 * @param priority higher first within a pool; 0 when absent
 * @param minThinking budget forcing's minimum thinking (s1): optional
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemRecord(Integer schemaVersion, String problem, Integer budget, Method method, Level level,
                            String clientId, String batch, Double stopTemperature, Integer answerReserve,
                            SamplingOptions sampling, Integer priority, Integer minThinking) {

    /** The problem with only what most producers give. */
    public static ProblemRecord of(String problem, int budget, Method method, String clientId, String batch) {
        return new ProblemRecord(null, problem, budget, method, null, clientId, batch, null, null, null, null, null);
    }

    /**
     * The request the platform makes of it. An absent budget becomes 0 and an absent schema version 1,
     * for {@link RequestValidator} to judge like any other value. Its sequence is null: records on a
     * topic have no input position that spans its partitions.
     */
    public ProblemRequest toRequest(String id, String tenant, Instant submittedAt) {
        return new ProblemRequest(schemaVersion == null ? ProblemRequest.SCHEMA_VERSION : schemaVersion, id, clientId,
                tenant, batch, null, problem, budget == null ? 0 : budget, method, level, stopTemperature,
                answerReserve, sampling, priority == null ? 0 : priority, null, submittedAt, null, null, minThinking, null);
    }
}
