package io.thinkmeter.ingest;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.SamplingOptions;

import java.time.Instant;
import java.util.Set;

/**
 * One problem as a caller sent it (in our format or mapped from an OpenAI batch line), before ingest
 * gives it an id, a tenant and a place in its batch. Absent fields are null.
 *
 * @param tenant the tenant the body names, if any: it must be the API key's
 * @param samples how many samples of this problem a batch line asks for (see {@link Samples}); null: one
 * @param unreadable the request fields (problem, budget, method, level) that were given but could not be read,
 *                   their problem already noted: null here, yet not missing, so nobody says "required"
 */
record Submission(Integer schemaVersion, String clientId, String tenant, String problem, Integer budget, Method method,
                  Level level, Double stopTemperature, Integer answerReserve, SamplingOptions sampling,
                  Integer priority, Integer samples, Set<String> unreadable) {

    static final String PROBLEM = "problem";
    static final String BUDGET = "budget";
    static final String METHOD = Method.FIELD;
    static final String LEVEL = Level.FIELD;

    Submission {
        unreadable = Set.copyOf(unreadable);
    }

    /** This submission with the batch's defaults filled in where it has no budget or method. */
    Submission withDefaults(Integer defaultBudget, Method defaultMethod) {
        // a budget given but unreadable is not replaced by the default: the caller meant their own
        return new Submission(schemaVersion, clientId, tenant, problem,
                budget == null && !unreadable.contains(BUDGET) ? defaultBudget : budget,
                method == null && !unreadable.contains(METHOD) ? defaultMethod : method, level, stopTemperature,
                answerReserve, sampling, priority, samples, unreadable);
    }

    /** Sample k of this submission: its own client id and seed, one request. */
    Submission sample(String sampleClientId, SamplingOptions sampleSampling) {
        return new Submission(schemaVersion, sampleClientId, tenant, problem, budget, method, level, stopTemperature,
                answerReserve, sampleSampling, priority, null, unreadable);
    }

    /**
     * The request to publish. A missing budget becomes 0, which {@code RequestValidator} then reports
     * in its own words; the caller validates the result before publishing it.
     */
    ProblemRequest toRequest(String id, String callerTenant, String batch, Integer sequence, Instant now) {
        return new ProblemRequest(schemaVersion == null ? ProblemRequest.SCHEMA_VERSION : schemaVersion, id, clientId,
                callerTenant, batch, sequence, problem, budget == null ? 0 : budget, method, level, stopTemperature,
                answerReserve, sampling, priority == null ? 0 : priority, null, now);
    }
}
