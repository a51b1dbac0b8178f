package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

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
 * @param messages the conversation, when the request came as a chat completion: the prompt is then these
 *                 rendered with the model's chat template, and {@code problem} is the last user message's
 *                 text (what is graded and shown); optional
 * @param thinkingLimit the most thinking tokens (OpenAI's {@code thinking_token_budget}; 0: think-end is
 *                      forced at once), within what the budget allows anyway; optional
 * @param minThinking s1's minimum: an earlier think-end is replaced by "Wait" (budget forcing only); optional
 * @param endUser the caller's own end-user id (OpenAI's {@code user}), stored with the request; optional
 * @param apiKeyId the id (never the secret) of the API key that submitted it, which its spend is charged to as
 *                 well as its tenant; a batch's requests carry the key that created the batch; null for work
 *                 produced straight to Kafka, which no key submitted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemRequest(int schemaVersion, String id, String clientId, String tenant, String batch,
                             Integer sequence, String problem, int budget, Method method, Level level,
                             Double stopTemperature, Integer answerReserve, SamplingOptions sampling, int priority,
                             Pool pool, Instant submittedAt, List<ChatMessage> messages, Integer thinkingLimit,
                             Integer minThinking, String endUser, String apiKeyId) {

    public static final int SCHEMA_VERSION = 1;

    /** A request that names no API key. */
    public ProblemRequest(int schemaVersion, String id, String clientId, String tenant, String batch, Integer sequence,
                          String problem, int budget, Method method, Level level, Double stopTemperature,
                          Integer answerReserve, SamplingOptions sampling, int priority, Pool pool,
                          Instant submittedAt, List<ChatMessage> messages, Integer thinkingLimit, Integer minThinking,
                          String endUser) {
        this(schemaVersion, id, clientId, tenant, batch, sequence, problem, budget, method, level, stopTemperature,
                answerReserve, sampling, priority, pool, submittedAt, messages, thinkingLimit, minThinking, endUser, null);
    }

    /** A request that came as a problem, not a conversation, without thinking limits or end user. */
    public ProblemRequest(int schemaVersion, String id, String clientId, String tenant, String batch, Integer sequence,
                          String problem, int budget, Method method, Level level, Double stopTemperature,
                          Integer answerReserve, SamplingOptions sampling, int priority, Pool pool,
                          Instant submittedAt) {
        this(schemaVersion, id, clientId, tenant, batch, sequence, problem, budget, method, level, stopTemperature,
                answerReserve, sampling, priority, pool, submittedAt, null, null, null, null, null);
    }

    public ProblemRequest withLevel(Level chosen) {
        return new ProblemRequest(schemaVersion, id, clientId, tenant, batch, sequence, problem, budget, method, chosen,
                stopTemperature, answerReserve, sampling, priority, pool, submittedAt, messages, thinkingLimit, minThinking,
                endUser, apiKeyId);
    }

    public ProblemRequest withPool(Pool routed) {
        return new ProblemRequest(schemaVersion, id, clientId, tenant, batch, sequence, problem, budget, method, level,
                stopTemperature, answerReserve, sampling, priority, routed, submittedAt, messages, thinkingLimit, minThinking,
                endUser, apiKeyId);
    }

    /** The same request, charged to the API key {@code keyId} (its id, never the secret). */
    public ProblemRequest withApiKeyId(String keyId) {
        return new ProblemRequest(schemaVersion, id, clientId, tenant, batch, sequence, problem, budget, method, level,
                stopTemperature, answerReserve, sampling, priority, pool, submittedAt, messages, thinkingLimit, minThinking,
                endUser, keyId);
    }
}
