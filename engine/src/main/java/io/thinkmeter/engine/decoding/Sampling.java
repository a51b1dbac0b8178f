package io.thinkmeter.engine.decoding;

/**
 * Sampler settings of one request.
 *
 * @param temperature 0 for greedy decoding; otherwise logits are divided by it before sampling
 * @param topK keep only the k most likely tokens (0: off)
 * @param topP keep the smallest set of tokens whose probability reaches p (1: off)
 * @param seed seed of the random stream, so a sampled run can be repeated
 */
public record Sampling(double temperature, int topK, double topP, long seed) {

    public static Sampling greedy() {
        return new Sampling(0, 0, 1, 0);
    }

    public boolean isGreedy() {
        return temperature == 0;
    }

    /**
     * The same settings with seed + offset: requests of one run that share a seed share their random
     * stream too, so their draws at each step are the same numbers and their errors correlate.
     */
    public Sampling offsetSeed(long offset) {
        return new Sampling(temperature, topK, topP, seed + offset);
    }
}
