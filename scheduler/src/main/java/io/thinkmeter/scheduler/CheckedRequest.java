package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.RequestValidator;

import java.util.List;

/** A request with the contract's verdict on it, worked out once: the rules it breaks, none when valid. */
record CheckedRequest(ProblemRequest request, List<String> problems) {

    static CheckedRequest of(ProblemRequest request) {
        return new CheckedRequest(request, RequestValidator.problems(request));
    }

    boolean valid() {
        return problems.isEmpty();
    }

    /** Every broken rule, as one sentence. */
    String reason() {
        return String.join("; ", problems);
    }
}
