package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a worker produced for one request: the results-topic payload, schema 1. Exactly one per
 * request reaches storage; a failed request carries {@code error} and zero generated tokens.
 *
 * @param stopReason why decoding ended; {@link StopReason#ERROR} when it never ran
 * @param generatedTokens thinking + answer tokens (injected ones included): never more than the budget
 * @param apiKeyId the API key the request was charged to (copied from the request; its id, never the secret); optional
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemResult(int schemaVersion, String requestId, String clientId, String tenant, String batch,
                            Integer sequence, String finalAnswer, String thinking, String answer, int promptTokens,
                            int thinkingTokens, int answerTokens, int injectedTokens, int generatedTokens,
                            int budget, StopReason stopReason, String model, Method method, Level level,
                            Double stopTemperature, Pool pool, String worker, Timings timings, String error,
                            String apiKeyId) {

    public static final int SCHEMA_VERSION = 1;

    /** A result charged to no API key. */
    public ProblemResult(int schemaVersion, String requestId, String clientId, String tenant, String batch,
                         Integer sequence, String finalAnswer, String thinking, String answer, int promptTokens,
                         int thinkingTokens, int answerTokens, int injectedTokens, int generatedTokens,
                         int budget, StopReason stopReason, String model, Method method, Level level,
                         Double stopTemperature, Pool pool, String worker, Timings timings, String error) {
        this(schemaVersion, requestId, clientId, tenant, batch, sequence, finalAnswer, thinking, answer, promptTokens,
                thinkingTokens, answerTokens, injectedTokens, generatedTokens, budget, stopReason, model, method, level,
                stopTemperature, pool, worker, timings, error, null);
    }

    /** The tokens this result charges to budgets: its prompt plus everything generated after it. */
    public long spentTokens() {
        return (long) promptTokens + generatedTokens;
    }
}
