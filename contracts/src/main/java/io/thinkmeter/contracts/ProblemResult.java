package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a worker produced for one request: the results-topic payload, schema 1. Exactly one per
 * request reaches storage; a failed request carries {@code error} and zero generated tokens.
 *
 * @param stopReason why decoding ended; {@link StopReason#ERROR} when it never ran
 * @param generatedTokens thinking + answer tokens (injected ones included): never more than the budget
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemResult(int schemaVersion, String requestId, String clientId, String tenant, String batch,
                            Integer sequence, String finalAnswer, String thinking, String answer, int promptTokens,
                            int thinkingTokens, int answerTokens, int injectedTokens, int generatedTokens,
                            int budget, StopReason stopReason, String model, Method method, Level level,
                            Double stopTemperature, Pool pool, String worker, Timings timings, String error) {

    public static final int SCHEMA_VERSION = 1;
}
