package io.thinkmeter.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thinkmeter.workers.decoding.DecodeSettings;
import io.thinkmeter.workers.decoding.Method;
import io.thinkmeter.workers.decoding.Sampling;
import io.thinkmeter.workers.engine.BatchDecoder;
import io.thinkmeter.workers.engine.DecodeRequest;
import io.thinkmeter.workers.engine.DecodeResult;
import io.thinkmeter.workers.model.ReasonerModel;

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
                      double outsideSessionShare, double ratioToBatch1) {}

    private final ReasonerModel model;
    private final List<String> problems;
    private final int budget;

    public DecodeBenchmark(ReasonerModel model, List<String> problems, int budget) {
        this.model = model;
        this.problems = problems;
        this.budget = budget;
    }

    public static List<String> problems(Path evalJsonl, int n) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> all = new ArrayList<>();
        for (String line : Files.readAllLines(evalJsonl)) {
            JsonNode node = json.readTree(line);
            all.add(node.get("problem").asText());
        }
        List<String> out = new ArrayList<>();
        int stride = Math.max(1, all.size() / n);
        for (int i = 0; i < all.size() && out.size() < n; i += stride) {
            out.add(all.get(i));
        }
        return out;
    }

    public List<Row> run(int[] batchSizes) {
        measure(Math.min(8, batchSizes[batchSizes.length - 1]), problems.subList(0, Math.min(16, problems.size())));
        List<Row> rows = new ArrayList<>();
        double base = 0;
        for (int b : batchSizes) {
            Row r = measure(b, problems);
            if (b == 1) {
                base = r.tokensPerSecond();
            }
            rows.add(new Row(r.batch(), r.sequences(), r.tokens(), r.seconds(), r.tokensPerSecond(),
                    r.outsideSessionShare(), base > 0 ? r.tokensPerSecond() / base : Double.NaN));
        }
        return rows;
    }

    private Row measure(int batch, List<String> set) {
        DecodeSettings settings = new DecodeSettings(Method.NONE, budget, model.descriptor().defaultAnswerReserve(), 1,
                0, 0, Sampling.greedy());
        long sessionBefore = model.runtime().sessionNanos();
        long t0 = System.nanoTime();
        long tokens = 0;
        try (BatchDecoder decoder = new BatchDecoder(model, batch)) {
            for (int i = 0; i < set.size(); i++) {
                decoder.submit(new DecodeRequest(Integer.toString(i), set.get(i), null, settings));
            }
            for (DecodeResult r : decoder.drain()) {
                tokens += r.generatedTokens();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double session = (model.runtime().sessionNanos() - sessionBefore) / 1e9;
        return new Row(batch, set.size(), tokens, seconds, tokens / seconds, 1 - session / seconds, Double.NaN);
    }
}
