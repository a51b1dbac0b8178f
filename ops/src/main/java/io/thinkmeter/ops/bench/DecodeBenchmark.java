package io.thinkmeter.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.engine.decoding.DecodeSettings;
import io.thinkmeter.engine.decoding.Sampling;
import io.thinkmeter.engine.BatchDecoder;
import io.thinkmeter.engine.BatchPolicy;
import io.thinkmeter.engine.DecodeRequest;
import io.thinkmeter.engine.DecodeResult;
import io.thinkmeter.engine.DecoderStats;
import io.thinkmeter.engine.ReasonerModel;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thinkmeter.contracts.BudgetTiers;
import io.thinkmeter.engine.BudgetPolicies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decode throughput at several batch sizes on one model, in one run, so the figures compare.
 * Greedy, method none, the same problems for every batch size; a warm-up pass runs first.
 */
public final class DecodeBenchmark {

    /** One batch size's figures. */
    public record Row(int batch, int sequences, long tokens, double seconds, double tokensPerSecond,
                      double outsideSessionShare, double ratioToBatch1, Breakdown breakdown) {}

    /**
     * Shares of wall time: inside the session; around it in the runtime (tensors in, logits out);
     * the intervention chain and picking; cache rebuilds through host memory; tokenizing requests;
     * assembling results; and the rest of the loop.
     */
    public record Breakdown(double session, double runtimeWrapper, double chain, double rebuild, double admit,
                            double assemble, double other, int rebuilds) {}

    private final ReasonerModel model;
    private final List<String> problems;
    private final int budget;
    private final BatchPolicy policy;

    public DecodeBenchmark(ReasonerModel model, List<String> problems, int budget, BatchPolicy policy) {
        this.model = model;
        this.problems = problems;
        this.budget = budget;
        this.policy = policy;
    }

    public static List<String> problems(Path evalJsonl, int n) throws IOException {
        List<String> all = new ArrayList<>();
        for (String line : Files.readAllLines(evalJsonl)) {
            JsonNode node = Json.forServices().readTree(line);
            all.add(node.get("problem").asText());
        }
        List<String> out = new ArrayList<>();
        int stride = Math.max(1, all.size() / n);
        for (int i = 0; i < all.size() && out.size() < n; i += stride) {
            out.add(all.get(i));
        }
        return out;
    }

    /** Each batch size is measured {@code repeats} times, interleaved; the run with the median speed is kept. */
    public List<Row> run(int[] batchSizes, int repeats) {
        measure(Math.min(8, batchSizes[batchSizes.length - 1]), problems.subList(0, Math.min(16, problems.size())));
        List<List<Row>> runs = new ArrayList<>();
        for (int b : batchSizes) {
            runs.add(new ArrayList<>());
        }
        for (int rep = 0; rep < repeats; rep++) {
            for (int i = 0; i < batchSizes.length; i++) {
                runs.get(i).add(measure(batchSizes[i], problems));
            }
        }
        List<Row> rows = new ArrayList<>();
        double base = 0;
        for (int i = 0; i < batchSizes.length; i++) {
            int b = batchSizes[i];
            List<Row> sorted = new ArrayList<>(runs.get(i));
            sorted.sort(java.util.Comparator.comparingDouble(Row::tokensPerSecond));
            Row r = sorted.get(sorted.size() / 2);
            if (b == 1) {
                base = r.tokensPerSecond();
            }
            rows.add(new Row(r.batch(), r.sequences(), r.tokens(), r.seconds(), r.tokensPerSecond(),
                    r.outsideSessionShare(), base > 0 ? r.tokensPerSecond() / base : Double.NaN, r.breakdown()));
        }
        return rows;
    }

    private Row measure(int batch, List<String> set) {
        DecodeSettings settings = BudgetPolicies.forModel(model, BudgetTiers.DEFAULTS)
                .settings(Method.NONE, budget, null, null, 0, 0, Sampling.greedy());
        long sessionBefore = model.runtime().sessionNanos();
        long t0 = System.nanoTime();
        long tokens = 0;
        DecoderStats stats;
        try (BatchDecoder decoder = new BatchDecoder(model, batch, policy)) {
            for (int i = 0; i < set.size(); i++) {
                decoder.submit(new DecodeRequest(Integer.toString(i), set.get(i), null, settings));
            }
            for (DecodeResult r : decoder.drain()) {
                tokens += r.generatedTokens();
            }
            stats = decoder.stats();
        }
        long wall = System.nanoTime() - t0;
        long session = model.runtime().sessionNanos() - sessionBefore;
        double w = wall;
        long accounted = stats.forwardNanos() + stats.chainNanos() + stats.rebuildNanos() + stats.admitNanos()
                + stats.assembleNanos();
        Breakdown b = new Breakdown(session / w, (stats.forwardNanos() - session) / w, stats.chainNanos() / w,
                stats.rebuildNanos() / w, stats.admitNanos() / w, stats.assembleNanos() / w, (wall - accounted) / w,
                stats.rebuilds());
        double seconds = wall / 1e9;
        return new Row(batch, set.size(), tokens, seconds, tokens / seconds, 1 - session / w, Double.NaN, b);
    }
}
