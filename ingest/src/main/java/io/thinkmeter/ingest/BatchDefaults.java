package io.thinkmeter.ingest;

import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.WireNames;

import java.util.ArrayList;
import java.util.List;

/**
 * A batch's {@code ?budget=} and {@code ?method=}, given to the lines that lack their own. Checked on
 * their own first, so a wrong default is reported once, not on every line it would have filled.
 */
record BatchDefaults(Integer budget, Method method) {

    static final BatchDefaults NONE = new BatchDefaults(null, null);

    /** @param limits what the served model can take: a default budget over it would fail every line it fills */
    static BatchDefaults parse(String budget, String method, ModelLimits limits) {
        List<String> problems = new ArrayList<>();
        Integer b = QueryParams.integer("budget", budget, problems);
        Method m = null;
        if (method != null && !method.isEmpty()) {
            m = WireNames.find(Method.class, method).orElse(null);
            if (m == null) {
                problems.add("query parameter " + WireNames.problem(Method.class, Method.FIELD, method));
            }
        }
        if (problems.isEmpty() && (b != null || m != null)) {
            for (String p : RequestCheck.asRequestFields("probe", b, m)) {
                problems.add("query parameter " + p);
            }
            if (problems.isEmpty() && b != null) {
                limits.budgetProblems("budget", b).forEach(p -> problems.add("query parameter " + p));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("the batch's defaults are invalid; nothing was submitted", problems);
        }
        return new BatchDefaults(b, m);
    }
}
