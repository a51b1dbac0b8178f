package io.thinkmeter.ops;

import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.RequestValidator;
import io.thinkmeter.migrations.Migrations;
import io.thinkmeter.evaluation.CalibrationStore;
import io.thinkmeter.evaluation.CalibrationSummary;
import io.thinkmeter.evaluation.Combination;
import io.thinkmeter.evaluation.Graders;
import io.thinkmeter.evaluation.LocalEvalRunner;
import io.thinkmeter.evaluation.Outcome;
import io.thinkmeter.evaluation.DefaultBudget;
import io.thinkmeter.evaluation.Problem;
import io.thinkmeter.evaluation.ProblemSetLoader;
import io.thinkmeter.engine.decoding.Sampling;
import io.thinkmeter.engine.CalibrationFile;
import io.thinkmeter.engine.CalibrationRow;
import io.thinkmeter.engine.StopTemperatureTable;
import io.thinkmeter.engine.ReasonerModel;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code thinkmeter calibrate}: measures how long a model thinks under each stop temperature (method
 * ts, greedy, a budget so large the cap does not bind) and stores it where workers find it: the
 * model directory's calibration.json, and with {@code --jdbc-url} the stop_temperature_calibration
 * table. Workers then give a TS request without tau the smallest tau whose p90 thinking fits its cap.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Measure thinking length and accuracy per stop temperature; write calibration.json (and the table).")
final class CalibrateCommand implements Callable<Integer> {

    /** Budgets whose chosen tau the command prints, to show what the calibration does. */
    private static final int[] EXAMPLE_BUDGETS = {32, 48, 64, 96, 128, 192, 256};

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--dataset", required = true, description = "JSONL problem set (problem|question, answer|final_answer)")
    Path dataset;

    @Option(names = "--taus", split = ",", defaultValue = "1,1.5,2,3,4,6,8",
            description = "stop temperatures to measure (default: ${DEFAULT-VALUE})")
    List<Double> taus;

    @Option(names = "--limit", description = "the first N problems only")
    Integer limit;

    @Option(names = "--budget", description = "budget of every request (default: the model's context less the longest prompt)")
    Integer budget;

    @Option(names = "--batch-size", defaultValue = "32", description = "sequences decoded at once (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--file", description = "where to write the calibration (default: MODEL/calibration.json)")
    Path file;

    @Option(names = "--jdbc-url", description = "also store it in this database's stop_temperature_calibration table")
    String jdbcUrl;

    @Option(names = "--db-user", defaultValue = "postgres")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:THINKMETER_DB_PASSWORD}")
    String dbPassword;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        requireRunnable();
        List<Problem> problems = ProblemSetLoader.load(dataset, limit == null ? Integer.MAX_VALUE : limit);
        if (problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(), dataset + " has no problems");
        }
        Instant measuredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<CalibrationRow> rows;
        String modelName;
        int usedBudget;
        int reserve;
        int forcedAnswer;
        try (ReasonerModel model = modelOptions.open()) {
            modelName = model.descriptor().name();
            usedBudget = budget != null ? budget : generousBudget(model, problems);
            reserve = model.descriptor().defaultAnswerReserve();
            forcedAnswer = model.specialTokens().forcedAnswer().length;
            List<Combination> sweep = taus.stream().map(t -> new Combination(Method.TS, usedBudget, t, null)).toList();
            System.err.printf("thinkmeter calibrate: %d problems x %d taus at budget %d%n", problems.size(),
                    taus.size(), usedBudget);
            List<Outcome> outcomes = new LocalEvalRunner(model, batchSize, Sampling.greedy(), null, Graders.load(),
                    System.err).run(problems, sweep);
            long capped = CalibrationSummary.capped(outcomes);
            if (capped > 0) {
                System.err.printf("thinkmeter calibrate: warning: the budget cut %d of %d decodes; their lengths are "
                        + "the cap's. Rerun with a larger --budget.%n", capped, outcomes.size());
            }
            rows = CalibrationSummary.rows(outcomes);
        }
        String described = dataset + " (" + (limit == null ? "all " + problems.size() : "first " + problems.size())
                + " problems)";
        Path target = file != null ? file : modelOptions.model.resolve(CalibrationFile.FILE_NAME);
        new CalibrationFile(modelName, described, usedBudget, measuredAt.toString(), rows).write(target);
        System.err.println("thinkmeter calibrate: written to " + target);
        if (jdbcUrl != null) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(jdbcUrl);
            ds.setUser(dbUser);
            if (dbPassword != null) {
                ds.setPassword(dbPassword);
            }
            Migrations.migrate(ds);
            new CalibrationStore(ds).save(modelName, rows, measuredAt);
            System.err.println("thinkmeter calibrate: stored in stop_temperature_calibration at " + jdbcUrl);
        }
        print(rows, StopTemperatureTable.fromCalibration(rows, reserve, forcedAnswer), reserve, forcedAnswer);
        return 0;
    }

    /** Every parameter checked before a model is loaded or a problem decoded. */
    private void requireRunnable() {
        if (taus.isEmpty() || taus.stream().anyMatch(t -> !RequestValidator.stopTemperatureInRange(t))) {
            throw new ParameterException(spec.commandLine(), "--taus must be positive numbers, was " + taus);
        }
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, was " + limit);
        }
        if (batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1, was " + batchSize);
        }
        if (budget != null) {
            for (double tau : taus) {
                CliRequests.requireValid(spec, CliRequests.request(CliRequests.ANY_PROBLEM, budget, Method.TS, null, tau,
                        null, null));
            }
        }
    }

    /** As large as the context allows for every problem (eval's default), so the thinking cap never binds. */
    private int generousBudget(ReasonerModel model, List<Problem> problems) {
        try {
            return DefaultBudget.of(problems, List.of(Method.TS), List.of(), model.prompts(), null).budget();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private void print(List<CalibrationRow> rows, StopTemperatureTable table, int reserve, int forcedAnswer) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%5s %5s %9s %12s %12s %12s%n", "tau", "n", "accuracy", "thinking p50", "thinking p90",
                "thinking max");
        for (CalibrationRow r : rows) {
            out.printf(Locale.ROOT, "%5s %5d %8.1f%% %12.1f %12d %12d%n", r.tau(), r.n(), 100 * r.accuracy(),
                    r.thinkingP50(), r.thinkingP90(), r.thinkingMax());
        }
        StringBuilder picks = new StringBuilder();
        for (int b : EXAMPLE_BUDGETS) {
            picks.append(picks.isEmpty() ? "" : ", ").append(b).append(" -> ").append(table.forBudget(b));
        }
        out.printf("tau chosen per budget (answer reserve %d, forced answer %d tokens): %s%n", reserve, forcedAnswer,
                picks);
        out.flush();
    }
}
