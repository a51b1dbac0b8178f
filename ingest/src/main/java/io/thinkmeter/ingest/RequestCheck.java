package io.thinkmeter.ingest;

import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.RequestValidator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything wrong with one submission as a request of the calling tenant, in the validator's words. */
final class RequestCheck {

    static final String BUDGET_REQUIRED = "budget is required: the most tokens the model may generate, 1 to "
            + RequestValidator.MAX_BUDGET;
    /**
     * Fields whose rule the validator words in terms of another field: when that one is missing or
     * unreadable, the sentence would quote a value the caller never gave ("less than the budget (0)").
     */
    private static final Map<String, Set<String>> DEPENDENT = Map.of(
            Submission.BUDGET, Set.of("answer_reserve"),
            Submission.METHOD, Set.of("stop_temperature"));

    private RequestCheck() {}

    /**
     * @param request {@code submission} as ingest would publish it
     * @param budgetRequired what to say when the submission has no budget, in the terms of its format
     * @param limits what the served model can take
     */
    static List<String> problems(Submission submission, ProblemRequest request, String callerTenant,
                                 String budgetRequired, ModelLimits limits) {
        List<String> problems = new ArrayList<>();
        if (submission.tenant() != null && !submission.tenant().equals(callerTenant)) {
            problems.add("tenant '" + submission.tenant() + "' is not the API key's tenant '" + callerTenant
                    + "': the tenant comes from the key, so leave tenant out");
        }
        Set<String> unreadable = submission.unreadable();
        boolean budgetAbsent = submission.budget() == null;
        if (budgetAbsent && !unreadable.contains(Submission.BUDGET)) {
            problems.add(budgetRequired);
        }
        List<String> contract = RequestValidator.problems(request);
        for (String p : contract) {
            if (!saidElsewhere(p, submission, budgetAbsent)) {
                problems.add(p);
            }
        }
        if (contract.stream().noneMatch(p -> p.startsWith("budget ") || p.startsWith("problem "))) {
            problems.addAll(limits.problems(request, !budgetAbsent));
        }
        return problems;
    }

    /** Whether the validator's sentence only repeats, or misstates, something noted before it. */
    private static boolean saidElsewhere(String sentence, Submission submission, boolean budgetAbsent) {
        if (sentence.endsWith(RequestValidator.CANNOT_STORE)) {
            // JsonText named the text PostgreSQL cannot hold where the caller wrote it
            return true;
        }
        String field = sentence.substring(0, Math.max(0, sentence.indexOf(' ')));
        Set<String> unknown = new HashSet<>(submission.unreadable());
        if (budgetAbsent) {
            // published as 0: the validator's "was 0" would only confuse
            unknown.add(Submission.BUDGET);
        }
        for (String u : unknown) {
            if (field.equals(u) || DEPENDENT.getOrDefault(u, Set.of()).contains(field)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the validator says about a tenant id, or a batch's default budget and method: checked by
     * validating a request that is sound in every other field, so these values meet exactly the rules
     * the requests they end up in will meet.
     */
    static List<String> asRequestFields(String tenant, Integer budget, Method method) {
        ProblemRequest probe = new ProblemRequest(ProblemRequest.SCHEMA_VERSION, "probe", null, tenant, null, null,
                "probe", budget == null ? 1 : budget, method == null ? Method.NONE : method, null, null, null, null, 0,
                null, null);
        return RequestValidator.problems(probe);
    }
}
