package io.thinkmeter.evaluation;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;

/**
 * One line of the evaluation report: one (method, level, budget, stop temperature, minimum thinking).
 *
 * @param n problems run, errors included (they count as wrong)
 * @param errors problems the engine refused or the platform did not answer
 * @param accuracy correct / n
 * @param meanThinkingTokens thinking tokens, over the problems that were decoded (not errors); the
 *     median and p90 likewise (p90 nearest-rank, see {@link Percentiles}); NaN when none was decoded
 * @param meanGeneratedTokens every token after the prompt (thinking, answer, injected)
 * @param meanTotalTokens prompt plus generated: what a request cost
 * @param tokensPerCorrect all generated tokens of the row divided by its correct answers: the price of
 *     one right answer; null when none was right
 * @param minThinking budget forcing's minimum thinking, null when none
 * @param tldrModel the name of the TLDR model a tldr row ran on when an evaluation compares several, else null
 */
public record ReportRow(Method method, Level level, int budget, Double stopTemperature, int n, int errors,
                        int correct, double accuracy, double meanThinkingTokens, double medianThinkingTokens,
                        Integer p90ThinkingTokens, double meanGeneratedTokens, double meanTotalTokens,
                        Double tokensPerCorrect, Integer minThinking, String tldrModel) {

    /** The method as the report names it: budget forcing with a minimum is a method of its own (s1's full one). */
    public String methodLabel() {
        String label = minThinking == null ? method.wireName() : method.wireName() + " min " + minThinking;
        return tldrModel == null ? label : label + " (" + tldrModel + ")";
    }

    /**
     * The chart's line this row is a point of: points of one line differ in budget only, so each level, each
     * minimum, each tau and each TLDR model is a line of its own, e.g. {@code tldr short (rl)}, {@code ts tau 2}.
     */
    public String seriesLabel() {
        if (level != null) {
            String withLevel = method.wireName() + " " + level.wireName();
            return tldrModel == null ? withLevel : withLevel + " (" + tldrModel + ")";
        }
        return method == Method.TS && stopTemperature != null
                ? methodLabel() + " tau " + ReportPrinter.trim(stopTemperature) : methodLabel();
    }
}
