package io.thinkmeter.ops;

import io.thinkmeter.engine.decoding.Sampling;
import picocli.CommandLine.Option;

/** Sampler options of the commands that decode; greedy unless a temperature is given. */
final class SamplingOptions {

    @Option(names = "--temperature", defaultValue = "0", description = "sampling temperature; 0 is greedy (default)")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", description = "top-k (0: off)")
    int topK;

    @Option(names = "--top-p", defaultValue = "1", description = "top-p (1: off)")
    double topP;

    @Option(names = "--seed", defaultValue = "0", description = "sampling seed")
    long seed;

    Sampling sampling() {
        return new Sampling(temperature, topK, topP, seed);
    }
}
