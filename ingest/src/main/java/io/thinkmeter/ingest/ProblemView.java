package io.thinkmeter.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.thinkmeter.contracts.OverBudget;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.RequestState;

/**
 * What a caller learns about one problem.
 *
 * @param status submitted (accepted, no result yet), pending (a wait timed out before the result),
 *               rejected (refused by the scheduler; see reason), done or error (see result)
 * @param reason why it was rejected
 * @param result the stored result, when done or error
 * @param idempotencyKey the submission's key, in the reply to a submission (not to a look-up)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemView(String id, String status, String reason, ProblemResult result, String idempotencyKey) {

    public static final String SUBMITTED = RequestState.SUBMITTED.wireName();
    /** Not a request state: a wait for the result ended before the result. */
    public static final String PENDING = "pending";
    public static final String REJECTED = RequestState.REJECTED.wireName();
    public static final String ERROR = RequestState.ERROR.wireName();

    static ProblemView submitted(String id) {
        return new ProblemView(id, SUBMITTED, null, null, null);
    }

    static ProblemView pending(String id) {
        return new ProblemView(id, PENDING, null, null, null);
    }

    static ProblemView rejected(String id, String reason) {
        return new ProblemView(id, REJECTED, reason, null, null);
    }

    static ProblemView finished(ProblemResult result) {
        return new ProblemView(result.requestId(), RequestState.of(result).wireName(), null, result, null);
    }

    ProblemView withIdempotencyKey(String key) {
        return new ProblemView(id, status, reason, result, key);
    }

    /** Whether a budget refused it (the scheduler's reason is {@link OverBudget}'s). */
    @JsonIgnore
    public boolean overBudget() {
        return REJECTED.equals(status) && OverBudget.is(reason);
    }

    /** Whether nothing more will happen to the problem: no point waiting any longer. */
    public boolean isFinal() {
        return !SUBMITTED.equals(status) && !PENDING.equals(status);
    }
}
