package io.thinkmeter.ingest;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body of a budget change: {@code day} and {@code month} in tokens (prompt + generated), and for a tenant
 * {@code soft_threshold}, the share of a limit that raises a spend alert. PUT replaces: a field left out or
 * null is no limit (no threshold: the scheduler's default).
 */
record BudgetForm(Long day, Long month, BigDecimal softThreshold) {

    private static final Set<String> TENANT_FIELDS = Set.of("day", "month", "soft_threshold");
    private static final Set<String> KEY_FIELDS = Set.of("day", "month");
    /** Finer than a millionth of a limit means nothing, and a wild exponent must not reach PostgreSQL. */
    static final int MAX_THRESHOLD_DIGITS = 6;

    /** @throws ApiException 400 listing every problem */
    static BudgetForm forTenant(String body) {
        return parse(body, TENANT_FIELDS, "day, month, soft_threshold");
    }

    /** @throws ApiException 400 listing every problem */
    static BudgetForm forKey(String body) {
        return parse(body, KEY_FIELDS, "day, month");
    }

    private static BudgetForm parse(String body, Set<String> fields, String fieldList) {
        List<String> problems = new ArrayList<>();
        ObjectNode json = JsonText.exactObject(body == null ? "" : body, problems);
        if (json == null) {
            throw ApiException.badRequest("the body is not a budget; nothing was changed",
                    problems.stream().map(p -> "body: " + p).toList());
        }
        FieldReader f = new FieldReader(json, "", problems);
        f.rejectUnknown(fields, fieldList);
        Long day = limit(f, "day", problems);
        Long month = limit(f, "month", problems);
        BigDecimal threshold = null;
        if (fields.contains("soft_threshold")) {
            threshold = f.decimal("soft_threshold", "a number above 0 and below 1");
            if (threshold != null && (threshold.signum() <= 0 || threshold.compareTo(BigDecimal.ONE) >= 0)) {
                problems.add("soft_threshold must be above 0 and below 1 (0.8: alert at 80% of a limit), was "
                        + shown(threshold));
            } else if (threshold != null && threshold.stripTrailingZeros().scale() > MAX_THRESHOLD_DIGITS) {
                problems.add("soft_threshold must have at most " + MAX_THRESHOLD_DIGITS + " decimal places, was "
                        + shown(threshold));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("the budget is invalid; nothing was changed", problems);
        }
        return new BudgetForm(day, month, threshold);
    }

    private static String shown(BigDecimal value) {
        return FieldReader.shown(DecimalNode.valueOf(value));
    }

    private static Long limit(FieldReader f, String field, List<String> problems) {
        Long tokens = f.wholeLong(field);
        if (tokens != null && tokens < 0) {
            problems.add(field + " must be 0 or more tokens (null for no limit), was " + tokens);
        }
        return tokens;
    }
}
