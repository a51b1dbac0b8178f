package io.thinkmeter.ops.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.contracts.BudgetTiers;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.demo.BatchProgress;
import io.thinkmeter.workers.decoding.Method;
import io.thinkmeter.workers.decoding.Sampling;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an evaluation through the platform: each combination is one batch submitted to ingest (the
 * problem id as the client id), decoded by the pool workers, and read back from the results stored
 * in PostgreSQL; each verdict is then written to {@code results.correct}. Settings left open (tau,
 * answer reserve) are filled by the worker; the result says which tau it used.
 */
public final class PlatformEvalRunner {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The tiers the scheduler routes by: the stack this runner is given runs the scheduler's defaults. */
    private static final BudgetTiers SCHEDULER_TIERS = BudgetTiers.DEFAULTS;

    private final ThinkmeterClient client;
    private final CorrectnessStore store;
    private final Sampling sampling;
    private final Integer answerReserve;
    private final Grader grader;
    private final Duration timeoutPerBatch;
    private final PrintStream progress;

    /** @param progress where the progress bar goes; null for none */
    public PlatformEvalRunner(ThinkmeterClient client, CorrectnessStore store, Sampling sampling, Integer answerReserve,
                              Grader grader, Duration timeoutPerBatch, PrintStream progress) {
        this.client = client;
        this.store = store;
        this.sampling = sampling;
        this.answerReserve = answerReserve;
        this.grader = grader;
        this.timeoutPerBatch = timeoutPerBatch;
        this.progress = progress;
    }

    public List<Outcome> run(List<Problem> problems, List<Combination> combinations) throws IOException, SQLException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Combination c : combinations) {
            outcomes.addAll(runBatch(problems, c));
        }
        return outcomes;
    }

    private List<Outcome> runBatch(List<Problem> problems, Combination c) throws IOException, SQLException {
        String batch = client.submitBatch(jsonl(problems, c));
        PrintStream out = progress != null ? progress : new PrintStream(OutputStream.nullOutputStream());
        BatchProgress.await(client, batch, problems.size(), timeoutPerBatch, out);
        Map<String, JsonNode> byClientId = new HashMap<>();
        for (JsonNode r : client.results(batch)) {
            byClientId.put(r.path("client_id").asText(), r);
        }
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, Boolean> verdicts = new LinkedHashMap<>();
        for (Problem p : problems) {
            JsonNode r = byClientId.get(p.id());
            Outcome o = r == null ? missing(p, c) : outcome(p, c, r);
            outcomes.add(o);
            if (o.requestId() != null) {
                verdicts.put(o.requestId(), o.correct());
            }
        }
        int updated = store.store(verdicts);
        if (updated != verdicts.size()) {
            throw new IOException("batch " + batch + ": stored the verdict of " + updated + " results of "
                    + verdicts.size() + "; the others are not in PostgreSQL");
        }
        return outcomes;
    }

    String jsonl(List<Problem> problems, Combination c) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < problems.size(); i++) {
            Problem p = problems.get(i);
            ObjectNode line = JSON.createObjectNode().put("client_id", p.id()).put("problem", p.problem())
                    .put("budget", c.budget()).put("method", c.method().wireName());
            if (c.stopTemperature() != null) {
                line.put("stop_temperature", c.stopTemperature());
            }
            if (c.level() != null) {
                line.put("level", c.level());
            }
            if (answerReserve != null) {
                line.put("answer_reserve", answerReserve);
            }
            if (!sampling.isGreedy()) {
                // Without sampling options a worker decodes greedily.
                // Each problem its own seed, as in-process evaluation does (see Sampling.offsetSeed).
                line.putObject("sampling").put("temperature", sampling.temperature()).put("top_k", sampling.topK())
                        .put("top_p", sampling.topP()).put("seed", sampling.seed() + i);
            }
            b.append(line).append('\n');
        }
        return b.toString();
    }

    private Outcome outcome(Problem p, Combination c, JsonNode r) {
        String finalAnswer = r.path("final_answer").isNull() ? null : r.path("final_answer").asText(null);
        String error = r.path("error").isNull() ? null : r.path("error").asText(null);
        boolean correct = error == null && finalAnswer != null && grader.equal(finalAnswer, p.gold());
        Double tau = c.method() == Method.TS && r.hasNonNull("stop_temperature")
                ? Double.valueOf(r.get("stop_temperature").asDouble()) : c.stopTemperature();
        return new Outcome(p.id(), r.path("request_id").asText(null), p.gold(), finalAnswer, correct,
                c.method().wireName(), c.effectiveLevel(SCHEDULER_TIERS), c.budget(), tau, answerReserve,
                r.path("prompt_tokens").asInt(), r.path("thinking_tokens").asInt(), r.path("answer_tokens").asInt(),
                r.path("injected_tokens").asInt(), r.path("generated_tokens").asInt(), r.path("stop_reason").asText(),
                error);
    }

    /** Rejected by the scheduler (quota, limits): no result row, the problem counts as wrong. */
    private Outcome missing(Problem p, Combination c) {
        return new Outcome(p.id(), null, p.gold(), null, false, c.method().wireName(),
                c.effectiveLevel(SCHEDULER_TIERS), c.budget(), c.stopTemperature(), answerReserve, 0, 0, 0, 0, 0, "error",
                "no result: the request was rejected");
    }

}
