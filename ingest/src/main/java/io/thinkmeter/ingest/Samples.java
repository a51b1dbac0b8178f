package io.thinkmeter.ingest;

import io.thinkmeter.contracts.SamplingOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * G samples of one problem from one batch line ({@code "samples": G}, or {@code body.n} in an OpenAI
 * line): the rollouts a reinforcement-learning stage scores as a group, or votes for self-consistency.
 * Sample k (from 0) is its own request, with client id {@code CLIENT_ID#k} and seed {@code SEED + k}
 * (SEED 0 when the line gives none), so the G answers differ and are reproducible, each is budgeted,
 * audited and charged like any request, and results list them in order after one another.
 */
final class Samples {

    static final int MAX = 64;
    static final String SEPARATOR = "#";

    private Samples() {}

    /** What is wrong with the line's samples field; empty when nothing is. */
    static List<String> problems(Submission s, String field, String clientIdField) {
        List<String> problems = new ArrayList<>();
        Integer g = s.samples();
        if (g == null || g == 1) {
            return problems;
        }
        if (g < 1 || g > MAX) {
            problems.add(field + " must be between 1 and " + MAX + ", was " + g);
            return problems;
        }
        SamplingOptions sampling = s.sampling();
        if (sampling == null || sampling.temperature() == null || sampling.temperature() <= 0) {
            problems.add(field + " " + g + " needs a sampling temperature above 0: greedy decoding would give "
                    + g + " identical answers");
        }
        if (s.clientId() == null) {
            problems.add(field + " " + g + " needs a " + clientIdField + ": sample k's results carry "
                    + clientIdField + SEPARATOR + "k");
        }
        return problems;
    }

    /** One submission per sample (just {@code s} when it asks for one). */
    static List<Submission> expand(Submission s) {
        int g = s.samples() == null ? 1 : s.samples();
        if (g == 1) {
            return List.of(s);
        }
        SamplingOptions base = s.sampling();
        long seed = base.seed() == null ? 0 : base.seed();
        List<Submission> out = new ArrayList<>(g);
        for (int k = 0; k < g; k++) {
            out.add(s.sample(s.clientId() + SEPARATOR + k,
                    new SamplingOptions(base.temperature(), base.topK(), base.topP(), seed + k)));
        }
        return out;
    }
}
