package io.thinkmeter.ops.bench;

import io.thinkmeter.grading.Grader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Grading throughput on one thread: whole model-like outputs built from real gold answers, graded against
 * those golds, in three kinds that take different paths through the grader (a box holding the gold itself, a
 * box holding the next gold, mostly unequal, and prose without a box). Each pair is timed alone, so the
 * latency percentiles show the symbolic checks' long tail that the mean hides.
 */
public final class GradingBenchmark {

    /** How a gold becomes a model-like output, and which gold it is graded against. */
    public enum Kind {
        SELF("gold, boxed"), NEXT("next gold, boxed"), PROSE("gold, prose");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The output for the gold at {@code i}; graded against that gold. */
        String output(List<String> golds, int i) {
            return switch (this) {
                case SELF -> boxed(golds.get(i));
                case NEXT -> boxed(golds.get((i + 1) % golds.size()));
                case PROSE -> "Therefore, the answer is $" + golds.get(i) + "$.";
            };
        }

        private static String boxed(String answer) {
            return "We simplify, and the answer is $\\boxed{" + answer + "}$.";
        }
    }

    /** One kind's (or all kinds') figures. */
    public record Row(String kind, int pairs, int equal, double seconds, double medianMicros, double p99Micros) {

        public double pairsPerSecond() {
            return pairs / seconds;
        }
    }

    private final Grader grader;

    public GradingBenchmark(Grader grader) {
        this.grader = grader;
    }

    /**
     * Grades the first {@code pairs} pairs of each kind, unreported: class loading, the JIT and Symja's start
     * (2 to 4 s) would otherwise be the first pairs' latency.
     */
    public void warmUp(List<String> golds, int pairs) {
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < Math.min(pairs, golds.size()); i++) {
                grader.grade(kind.output(golds, i), golds.get(i));
            }
        }
    }

    /** One row per kind, then the overall one. Kinds run one after another, each over every gold. */
    public List<Row> run(List<String> golds) {
        Map<Kind, long[]> nanos = new EnumMap<>(Kind.class);
        Map<Kind, Integer> equal = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            long[] times = new long[golds.size()];
            int same = 0;
            for (int i = 0; i < golds.size(); i++) {
                String output = kind.output(golds, i);
                long start = System.nanoTime();
                boolean e = grader.grade(output, golds.get(i)).equal();
                times[i] = System.nanoTime() - start;
                same += e ? 1 : 0;
            }
            nanos.put(kind, times);
            equal.put(kind, same);
        }
        List<Row> rows = new ArrayList<>();
        List<long[]> all = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            rows.add(row(kind.label(), nanos.get(kind), equal.get(kind)));
            all.add(nanos.get(kind));
        }
        long[] overall = all.stream().flatMapToLong(Arrays::stream).toArray();
        rows.add(row("all", overall, equal.values().stream().mapToInt(Integer::intValue).sum()));
        return rows;
    }

    private static Row row(String kind, long[] nanos, int equal) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double seconds = Arrays.stream(sorted).sum() / 1e9;
        return new Row(kind, sorted.length, equal, seconds, percentile(sorted, 50) / 1e3, percentile(sorted, 99) / 1e3);
    }

    /** Nearest rank: a latency some pair really took. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
