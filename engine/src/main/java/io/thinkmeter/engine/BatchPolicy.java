package io.thinkmeter.engine;

/**
 * When a batch decoder reshapes its batch. Every reshape copies the KV cache through host memory,
 * and every vacant or padded cache column costs time in each later step (a step's cost grows with
 * batch x cache length; see BENCHMARKS.md), so these thresholds trade one against the other.
 *
 * @param waveFraction sequences join once this share of the batch is free (or all that wait fit)
 * @param compactFraction vacant rows are dropped once they are this share of the batch
 */
public record BatchPolicy(double waveFraction, double compactFraction) {

    public BatchPolicy {
        if (!(waveFraction > 0 && waveFraction <= 1) || !(compactFraction > 0 && compactFraction <= 1)) {
            throw new IllegalArgumentException("batch policy fractions must be in (0, 1], got wave " + waveFraction
                    + " and compact " + compactFraction);
        }
    }

    /**
     * Measured best on the tiny model (BENCHMARKS.md): with a backlog, a new wave joins once the batch
     * has emptied, and vacant rows are dropped as soon as a quarter of the rows are vacant; late
     * joiners would otherwise inherit the longest row's cache length.
     */
    public static BatchPolicy defaults() {
        return new BatchPolicy(1.0, 0.25);
    }

    int wave(int maxBatch) {
        return Math.max(1, (int) Math.ceil(waveFraction * maxBatch));
    }

    boolean shouldCompact(int vacant, int rows) {
        return vacant > 0 && vacant >= compactFraction * rows;
    }
}
