package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A problem as a caller submits it to ingest (the body of {@code POST /v1/problems}, or one line of a
 * batch): what a client writes, without the fields ingest assigns (id, tenant, batch, sequence, pool,
 * submission time). Absent fields take ingest's defaults.
 *
 * @param clientId the caller's own id for the problem; results carry it back
 * @param budget the most tokens the model may generate; absent: the batch's {@code ?budget=}
 * @param method absent: the batch's {@code ?method=}
 * @param samples how many samples of the problem a batch line asks for; absent: one
 * @param minThinking budget forcing's minimum thinking (s1); absent: none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemSubmission(String clientId, String problem, Integer budget, Method method, Level level,
                                Double stopTemperature, Integer answerReserve, SamplingOptions sampling,
                                Integer priority, Integer samples, Integer minThinking) {

    /** The problem with only what most callers give. */
    public static ProblemSubmission of(String clientId, String problem, int budget, Method method) {
        return new ProblemSubmission(clientId, problem, budget, method, null, null, null, null, null, null, null);
    }
}
