package io.thinkmeter.ingest;

import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.RequestValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the served model can take, tighter than the contract's own limits: a budget its context
 * cannot leave room for, or a problem longer than it could ever read, would only come back as an
 * error result after the wait, so ingest refuses it at once. Either limit may be unknown.
 *
 * @param maxBudget {@code thinkmeter.ingest.max-budget}
 * @param maxProblemChars {@code thinkmeter.ingest.max-problem-chars}
 */
record ModelLimits(OptionalInt maxBudget, OptionalInt maxProblemChars) {

    static final ModelLimits NONE = new ModelLimits(OptionalInt.empty(), OptionalInt.empty());

    ModelLimits {
        require(maxBudget, "thinkmeter.ingest.max-budget");
        require(maxProblemChars, "thinkmeter.ingest.max-problem-chars");
    }

    static ModelLimits of(IngestConfig config) {
        return new ModelLimits(optional(config.maxBudget().orElse(null)),
                optional(config.maxProblemChars().orElse(null)));
    }

    /** A budget over the model's limit; none when the contract's own rule already refuses it. */
    List<String> budgetProblems(String field, int budget) {
        List<String> problems = new ArrayList<>();
        if (maxBudget.isPresent() && budget > maxBudget.getAsInt() && budget <= RequestValidator.MAX_BUDGET) {
            problems.add(field + " " + budget + " exceeds " + maxBudget.getAsInt() + ", the most the served model's "
                    + "context leaves after its prompt (thinkmeter.ingest.max-budget)");
        }
        return problems;
    }

    /** What the model cannot take of a request that otherwise meets the contract. */
    List<String> problems(ProblemRequest r, boolean budgetGiven) {
        List<String> problems = budgetGiven ? budgetProblems("budget", r.budget()) : new ArrayList<>();
        int chars = r.problem() == null ? 0 : r.problem().length();
        if (maxProblemChars.isPresent() && chars > maxProblemChars.getAsInt()
                && chars <= RequestValidator.MAX_PROBLEM_CHARS) {
            problems.add("problem has " + chars + " characters, more than " + maxProblemChars.getAsInt()
                    + ", the longest the served model can take (thinkmeter.ingest.max-problem-chars)");
        }
        return problems;
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static void require(OptionalInt limit, String key) {
        if (limit.isPresent() && limit.getAsInt() < 1) {
            throw new IllegalArgumentException(key + " must be at least 1 (or unset), was " + limit.getAsInt());
        }
    }
}
