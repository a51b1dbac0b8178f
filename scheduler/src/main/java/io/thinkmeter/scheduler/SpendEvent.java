package io.thinkmeter.scheduler;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.thinkmeter.contracts.ProblemResult;

/**
 * What reaches the books on the stream keyed by tenant: a request to admit, or a result to settle, one
 * set. One stream of both, through one repartition, so the processor holding a tenant's books sees its
 * admissions and settlements in the order they were read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpendEvent(KeyedRequest admission, ProblemResult settlement) {

    static SpendEvent admit(KeyedRequest request) {
        return new SpendEvent(request, null);
    }

    static SpendEvent settle(ProblemResult result) {
        return new SpendEvent(null, result);
    }
}
