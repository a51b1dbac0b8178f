package io.thinkmeter.evaluation;

import java.util.Arrays;

/**
 * Order statistics of token counts, defined once so that the report, the calibration and their
 * tests agree: the median is the middle value (the mean of the two middle ones for an even count);
 * other percentiles are nearest-rank (the smallest value with at least p% of the values at or below
 * it), so a p90 is always a length that was actually seen.
 */
public final class Percentiles {

    private Percentiles() {}

    public static double median(int[] values) {
        requireValues(values);
        int[] sorted = sorted(values);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /** @param p in (0, 100] */
    public static int nearestRank(int[] values, double p) {
        requireValues(values);
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        int[] sorted = sorted(values);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    public static double mean(int[] values) {
        requireValues(values);
        long sum = 0;
        for (int v : values) {
            sum += v;
        }
        return (double) sum / values.length;
    }

    public static int max(int[] values) {
        requireValues(values);
        return Arrays.stream(values).max().orElseThrow();
    }

    private static int[] sorted(int[] values) {
        int[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    private static void requireValues(int[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
    }
}
