package io.thinkmeter.ingest;

import io.thinkmeter.contracts.ChatMessage;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.RequestValidator;
import io.thinkmeter.contracts.SamplingOptions;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One problem as a caller sent it (in our format, or mapped from an OpenAI chat completion body by
 * {@code ChatBody}), before ingest gives it an id, a tenant and a place in its batch. Absent fields are null.
 *
 * @param tenant the tenant the body names, if any: it must be the API key's
 * @param samples how many samples of this problem a batch line asks for (see {@link Samples}); null: one
 * @param unreadable the request fields (problem, budget, method, level) that were given but could not be read,
 *                   their problem already noted: null here, yet not missing, so nobody says "required"
 * @param messages the conversation of a chat completion ({@code problem} is its last user message's text)
 * @param thinkingLimit the most thinking tokens; null: only the budget's
 * @param minThinking budget forcing's minimum thinking
 * @param endUser the caller's own end-user id (OpenAI's {@code user})
 */
public record Submission(Integer schemaVersion, String clientId, String tenant, String problem, Integer budget,
                         Method method, Level level, Double stopTemperature, Integer answerReserve,
                         SamplingOptions sampling, Integer priority, Integer samples, Set<String> unreadable,
                         List<ChatMessage> messages, Integer thinkingLimit, Integer minThinking, String endUser) {

    public static final String PROBLEM = "problem";
    public static final String BUDGET = "budget";
    public static final String METHOD = Method.FIELD;
    public static final String LEVEL = Level.FIELD;
    /** What a budget must be, for the reply when it is given as something else (48.0, "lots"). */
    public static final String BUDGET_TYPE = "a whole number of tokens, 1 to " + RequestValidator.MAX_BUDGET;

    public Submission {
        unreadable = Set.copyOf(unreadable);
        messages = messages == null ? null : List.copyOf(messages);
    }

    /** A problem in our own format: no conversation, thinking limits or end user. */
    public Submission(Integer schemaVersion, String clientId, String tenant, String problem, Integer budget,
                      Method method, Level level, Double stopTemperature, Integer answerReserve,
                      SamplingOptions sampling, Integer priority, Integer samples, Set<String> unreadable) {
        this(schemaVersion, clientId, tenant, problem, budget, method, level, stopTemperature, answerReserve, sampling,
                priority, samples, unreadable, null, null, null, null);
    }

    /** This submission with the batch's defaults filled in where it has no budget or method. */
    Submission withDefaults(Integer defaultBudget, Method defaultMethod) {
        // a budget given but unreadable is not replaced by the default: the caller meant their own
        return new Submission(schemaVersion, clientId, tenant, problem,
                budget == null && !unreadable.contains(BUDGET) ? defaultBudget : budget,
                method == null && !unreadable.contains(METHOD) ? defaultMethod : method, level, stopTemperature,
                answerReserve, sampling, priority, samples, unreadable, messages, thinkingLimit, minThinking, endUser);
    }

    /** Sample k of this submission: its own client id and seed, one request. */
    Submission sample(String sampleClientId, SamplingOptions sampleSampling) {
        return new Submission(schemaVersion, sampleClientId, tenant, problem, budget, method, level, stopTemperature,
                answerReserve, sampleSampling, priority, null, unreadable, messages, thinkingLimit, minThinking, endUser);
    }

    /** This submission under another client id (a chat completion's samples carry the completion's id). */
    public Submission withClientId(String id) {
        return new Submission(schemaVersion, id, tenant, problem, budget, method, level, stopTemperature,
                answerReserve, sampling, priority, samples, unreadable, messages, thinkingLimit, minThinking, endUser);
    }

    /**
     * The request to publish. A missing budget becomes 0, which {@code RequestValidator} then reports
     * in its own words; the caller validates the result before publishing it.
     */
    public ProblemRequest toRequest(String id, String callerTenant, String batch, Integer sequence, Instant now) {
        return new ProblemRequest(schemaVersion == null ? ProblemRequest.SCHEMA_VERSION : schemaVersion, id, clientId,
                callerTenant, batch, sequence, problem, budget == null ? 0 : budget, method, level, stopTemperature,
                answerReserve, sampling, priority == null ? 0 : priority, null, now, messages, thinkingLimit,
                minThinking, endUser);
    }
}
