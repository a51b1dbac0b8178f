package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A problem to solve under a token budget: the submitted-topic and work-topic payload, schema 1.
 *
 * @param schemaVersion 1
 * @param id the request id, unique, assigned by ingest (the Kafka key)
 * @param clientId the caller's own id for the problem (a JSONL line's custom_id), optional
 * @param tenant who pays for the tokens
 * @param batch the batch this request belongs to, optional
 * @param sequence the request's position in its batch's input (0-based), so results can be returned in input order
 * @param problem the problem text
 * @param budget the most tokens the model may generate after the prompt
 * @param method how thinking is controlled
 * @param level the TLDR level; when given, the request runs in the pool of the same name; optional
 * @param stopTemperature tau for ts; optional (chosen from the budget when absent)
 * @param answerReserve tokens kept for the answer; optional (the model's default when absent)
 * @param sampling sampler settings; optional (greedy when absent)
 * @param priority higher first within a pool; 0 by default
 * @param pool set by the scheduler when it routes the request
 * @param submittedAt when ingest accepted it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemRequest(int schemaVersion, String id, String clientId, String tenant, String batch,
                             Integer sequence, String problem, int budget, Method method, Level level,
                             Double stopTemperature, Integer answerReserve, SamplingOptions sampling, int priority,
                             Pool pool, Instant submittedAt) {

    public static final int SCHEMA_VERSION = 1;

    public ProblemRequest withLevel(Level chosen) {
        return new ProblemRequest(schemaVersion, id, clientId, tenant, batch, sequence, problem, budget, method, chosen,
                stopTemperature, answerReserve, sampling, priority, pool, submittedAt);
    }

    public ProblemRequest withPool(Pool routed) {
        return new ProblemRequest(schemaVersion, id, clientId, tenant, batch, sequence, problem, budget, method, level,
                stopTemperature, answerReserve, sampling, priority, routed, submittedAt);
    }
}
