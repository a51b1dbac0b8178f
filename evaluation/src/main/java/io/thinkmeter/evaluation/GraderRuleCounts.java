package io.thinkmeter.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often each grader rule decided over a run: the rules that took answers from the outputs and the rules
 * that compared them, counted apart (an answer has one extraction and one or more comparison rules), most
 * frequent first. A run whose answers are suddenly taken by another rule, or compared as text where they were
 * compared as numbers, shows here before it shows in the accuracy.
 *
 * @param graded     answers the grader named an extraction rule for
 * @param notGraded  outcomes without one: no final answer, an error, or a grader that names no rules
 * @param extraction extraction rules by count, most frequent first (ties by label)
 * @param comparison comparison rules by count, likewise
 */
public record GraderRuleCounts(int graded, int notGraded, List<Count> extraction, List<Count> comparison) {

    public record Count(String rule, int times) {}

    private static final Comparator<Count> MOST_FIRST = Comparator.comparingInt(Count::times).reversed()
            .thenComparing(Count::rule);

    public static GraderRuleCounts of(List<Outcome> outcomes) {
        Map<String, Integer> extraction = new TreeMap<>();
        Map<String, Integer> comparison = new TreeMap<>();
        int graded = 0;
        for (Outcome o : outcomes) {
            if (o.extraction() == null) {
                continue;
            }
            graded++;
            extraction.merge(o.extraction(), 1, Integer::sum);
            o.graderRules().forEach(rule -> comparison.merge(rule, 1, Integer::sum));
        }
        return new GraderRuleCounts(graded, outcomes.size() - graded, sorted(extraction), sorted(comparison));
    }

    /** The {@code n} most frequent of each kind. */
    public GraderRuleCounts top(int n) {
        return new GraderRuleCounts(graded, notGraded, extraction.stream().limit(n).toList(),
                comparison.stream().limit(n).toList());
    }

    public boolean isEmpty() {
        return graded == 0;
    }

    private static List<Count> sorted(Map<String, Integer> counts) {
        List<Count> out = new ArrayList<>();
        counts.forEach((rule, times) -> out.add(new Count(rule, times)));
        out.sort(MOST_FIRST);
        return List.copyOf(out);
    }
}
