package io.thinkmeter.evaluation;

import io.thinkmeter.grading.GradeOutcome;
import io.thinkmeter.grading.Grader;
import io.thinkmeter.contracts.BudgetTiers;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.engine.decoding.BudgetPolicy;
import io.thinkmeter.engine.decoding.DecodeSettings;
import io.thinkmeter.engine.decoding.Sampling;
import io.thinkmeter.engine.BudgetPolicies;
import io.thinkmeter.engine.DecodeRequest;
import io.thinkmeter.engine.DecodeResult;
import io.thinkmeter.engine.RoutedDecoder;
import io.thinkmeter.engine.StopTemperatureTable;
import io.thinkmeter.engine.ReasonerModel;
import io.thinkmeter.engine.RequestMapper;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Runs an evaluation in this process with the workers' decoding engine: every (combination,
 * problem) pair is one request, and all of them share one continuous batch, so a run over several
 * budgets keeps the batch as full as a single one would. Settings a request leaves open are filled
 * in by the same {@link BudgetPolicy} a worker uses: tau from the model's stop-temperature table (its
 * calibration.json when present), the answer reserve from reasoner.json (clamped below the budget),
 * and for tldr the level of the budget's tier. Method tldr runs on the TLDR model when one is given,
 * as on a worker.
 */
public final class LocalEvalRunner {

    /** No final answer: nothing to grade, so no rule to count. */
    private static final GradeOutcome NOT_GRADED = new GradeOutcome(false, null, List.of());

    private final ReasonerModel model;
    private final ReasonerModel tldrModel;
    private final int batchSize;
    private final Sampling sampling;
    private final Integer answerReserve;
    private final Grader grader;
    private final BudgetPolicy mainPolicy;
    private final BudgetPolicy tldrPolicy;
    private final PrintStream progress;

    /**
     * @param answerReserve R for every request; null: the model's default, as a worker would use
     * @param progress where progress lines go; null for none
     */
    public LocalEvalRunner(ReasonerModel model, int batchSize, Sampling sampling, Integer answerReserve, Grader grader,
                           PrintStream progress) {
        this(model, null, batchSize, sampling, answerReserve, grader, progress);
    }

    /** @param tldrModel decodes method tldr; null: the main model does */
    public LocalEvalRunner(ReasonerModel model, ReasonerModel tldrModel, int batchSize, Sampling sampling,
                           Integer answerReserve, Grader grader, PrintStream progress) {
        this.model = model;
        this.tldrModel = tldrModel;
        this.batchSize = batchSize;
        this.sampling = sampling;
        this.answerReserve = answerReserve;
        this.grader = grader;
        // As on a worker: the main model's taus for both (a TLDR model never uses them), each model's reserve.
        StopTemperatureTable stopTemperatures = StopTemperatureTable.forModel(model);
        this.mainPolicy = BudgetPolicies.forModel(model, stopTemperatures, BudgetTiers.DEFAULTS);
        this.tldrPolicy = tldrModel == null ? mainPolicy
                : BudgetPolicies.forModel(tldrModel, stopTemperatures, BudgetTiers.DEFAULTS);
        this.progress = progress;
    }

    /** Outcomes grouped by combination (in the given order), problems in set order within each. */
    public List<Outcome> run(List<Problem> problems, List<Combination> combinations) {
        int n = problems.size();
        Outcome[] outcomes = new Outcome[n * combinations.size()];
        DecodeSettings[] settings = new DecodeSettings[outcomes.length];
        Level[] levels = new Level[outcomes.length];
        int submitted = 0;
        try (RoutedDecoder decoder = new RoutedDecoder(model, tldrModel, batchSize)) {
            for (int c = 0; c < combinations.size(); c++) {
                Combination combination = combinations.get(c);
                for (int p = 0; p < n; p++) {
                    int slot = c * n + p;
                    BudgetPolicy policy = combination.method() == Method.TLDR ? tldrPolicy : mainPolicy;
                    int minimum = combination.minThinking() == null ? 0 : combination.minThinking();
                    settings[slot] = policy.settings(combination.method(), combination.budget(), answerReserve,
                            combination.stopTemperature(), minimum, RequestMapper.waitsFor(minimum),
                            sampling.offsetSeed(p));
                    levels[slot] = policy.level(combination.method(), combination.level(), null, combination.budget());
                    try {
                        decoder.submit(new DecodeRequest(Integer.toString(slot), problems.get(p).problem(),
                                levels[slot], settings[slot]));
                        submitted++;
                    } catch (IllegalArgumentException e) {
                        // The engine refuses what cannot be decoded (prompt plus budget beyond the
                        // context, a model without TLDR levels): the problem counts, as wrong.
                        outcomes[slot] = failed(problems.get(p), settings[slot], levels[slot], e.getMessage());
                    }
                }
            }
            int done = 0;
            int reportEvery = Math.max(1, submitted / 10);
            while (!decoder.idle()) {
                for (DecodeResult r : decoder.step()) {
                    int slot = Integer.parseInt(r.id());
                    outcomes[slot] = graded(problems.get(slot % n), settings[slot], levels[slot], r);
                    done++;
                    if (progress != null && (done % reportEvery == 0 || done == submitted)) {
                        progress.printf("eval: %d of %d requests decoded%n", done, submitted);
                    }
                }
            }
        }
        return Arrays.asList(outcomes);
    }

    private Outcome graded(Problem p, DecodeSettings s, Level level, DecodeResult r) {
        GradeOutcome grade = r.finalAnswer() == null ? NOT_GRADED : grader.grade(r.finalAnswer(), p.gold());
        return new Outcome(p.id(), null, p.gold(), r.finalAnswer(), grade.equal(), s.method(), level, s.budget(),
                tau(s), s.answerReserve(), r.promptTokens(), r.thinkingTokens(), r.answerTokens(), r.injectedTokens(),
                r.generatedTokens(), r.stopReason(), null, grade.extraction(), grade.rules())
                .withMinThinking(s.minThinking());
    }

    private static Outcome failed(Problem p, DecodeSettings s, Level level, String error) {
        return new Outcome(p.id(), null, p.gold(), null, false, s.method(), level, s.budget(), tau(s),
                s.answerReserve(), 0, 0, 0, 0, 0, StopReason.ERROR, error).withMinThinking(s.minThinking());
    }

    private static Double tau(DecodeSettings s) {
        return s.stopTemperatureUsed();
    }
}
