package io.thinkmeter.ingest;

import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.RequestValidator;

import java.util.ArrayList;
import java.util.List;

/** Everything wrong with one submission as a request of the calling tenant, in the validator's words. */
final class RequestCheck {

    static final String BUDGET_REQUIRED = "budget is required: the most tokens the model may generate, 1 to "
            + RequestValidator.MAX_BUDGET;

    private RequestCheck() {}

    /**
     * @param request {@code submission} as ingest would publish it
     * @param budgetRequired what to say when the submission has no budget, in the terms of its format
     */
    static List<String> problems(Submission submission, ProblemRequest request, String callerTenant,
                                 String budgetRequired) {
        List<String> problems = new ArrayList<>();
        if (submission.tenant() != null && !submission.tenant().equals(callerTenant)) {
            problems.add("tenant '" + submission.tenant() + "' is not the API key's tenant '" + callerTenant
                    + "': the tenant comes from the key, so leave tenant out");
        }
        boolean budgetAbsent = submission.budget() == null;
        if (budgetAbsent) {
            problems.add(budgetRequired);
        }
        for (String p : RequestValidator.problems(request)) {
            // an absent budget was published as 0; the validator's "was 0" would only confuse
            if (!(budgetAbsent && p.startsWith("budget "))) {
                problems.add(p);
            }
        }
        return problems;
    }

    /**
     * What the validator says about a tenant id, or a batch's default budget and method: checked by
     * validating a request that is sound in every other field, so these values meet exactly the rules
     * the requests they end up in will meet.
     */
    static List<String> asRequestFields(String tenant, Integer budget, String method) {
        ProblemRequest probe = new ProblemRequest(ProblemRequest.SCHEMA_VERSION, "probe", null, tenant, null, null,
                "probe", budget == null ? 1 : budget, method == null ? "none" : method, null, null, null, null, 0,
                null, null);
        return RequestValidator.problems(probe);
    }
}
