package io.thinkmeter.ops.eval;

import io.thinkmeter.evaluation.Combination;
import io.thinkmeter.evaluation.CorrectnessStore;
import io.thinkmeter.evaluation.Outcome;
import io.thinkmeter.evaluation.Problem;
import io.thinkmeter.grading.GradeOutcome;
import io.thinkmeter.grading.Grader;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.ProblemSubmission;
import io.thinkmeter.contracts.SamplingOptions;
import io.thinkmeter.contracts.StopReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.contracts.BudgetTiers;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.demo.BatchProgress;
import io.thinkmeter.engine.decoding.Sampling;

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

    /** The tiers the scheduler routes by: the stack this runner is given runs the scheduler's defaults. */
    private static final BudgetTiers SCHEDULER_TIERS = BudgetTiers.DEFAULTS;
    /** An error or no final answer: nothing to grade, so no rule to count. */
    private static final GradeOutcome NOT_GRADED = new GradeOutcome(false, null, List.of());

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
        Map<String, ProblemResult> byClientId = new HashMap<>();
        for (ProblemResult r : client.results(batch)) {
            byClientId.put(r.clientId(), r);
        }
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, Boolean> verdicts = new LinkedHashMap<>();
        for (Problem p : problems) {
            ProblemResult r = byClientId.get(p.id());
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
            // Without sampling options a worker decodes greedily. Each problem its own seed, as
            // in-process evaluation does (see Sampling.offsetSeed).
            SamplingOptions options = sampling.isGreedy() ? null : new SamplingOptions(sampling.temperature(),
                    sampling.topK(), sampling.topP(), sampling.seed() + i);
            b.append(Json.line(new ProblemSubmission(p.id(), p.problem(), c.budget(), c.method(), c.level(),
                    c.stopTemperature(), answerReserve, options, null, null, c.minThinking())));
        }
        return b.toString();
    }

    private Outcome outcome(Problem p, Combination c, ProblemResult r) {
        GradeOutcome grade = r.error() != null || r.finalAnswer() == null ? NOT_GRADED
                : grader.grade(r.finalAnswer(), p.gold());
        Double tau = c.method() == Method.TS && r.stopTemperature() != null ? r.stopTemperature() : c.stopTemperature();
        return new Outcome(p.id(), r.requestId(), p.gold(), r.finalAnswer(), grade.equal(), c.method(),
                c.effectiveLevel(SCHEDULER_TIERS), c.budget(), tau, answerReserve, r.promptTokens(), r.thinkingTokens(),
                r.answerTokens(), r.injectedTokens(), r.generatedTokens(), r.stopReason(), r.error(), grade.extraction(),
                grade.rules()).withMinThinking(c.minThinking());
    }

    /** Rejected by the scheduler (quota, limits): no result row, the problem counts as wrong. */
    private Outcome missing(Problem p, Combination c) {
        return new Outcome(p.id(), null, p.gold(), null, false, c.method(), c.effectiveLevel(SCHEDULER_TIERS),
                c.budget(), c.stopTemperature(), answerReserve, 0, 0, 0, 0, 0, StopReason.ERROR,
                "no result: the request was rejected").withMinThinking(c.minThinking());
    }

}
