package io.thinkmeter.ops;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.evaluation.AccuracyChart;
import io.thinkmeter.evaluation.Combination;
import io.thinkmeter.evaluation.CorrectnessStore;
import io.thinkmeter.evaluation.DefaultBudget;
import io.thinkmeter.evaluation.EqualTokens;
import io.thinkmeter.evaluation.EvalReport;
import io.thinkmeter.grading.Grader;
import io.thinkmeter.evaluation.GraderRuleCounts;
import io.thinkmeter.evaluation.Graders;
import io.thinkmeter.evaluation.LocalEvalRunner;
import io.thinkmeter.evaluation.Outcome;
import io.thinkmeter.ops.eval.PlatformEvalRunner;
import io.thinkmeter.evaluation.Problem;
import io.thinkmeter.evaluation.ProblemSetLoader;
import io.thinkmeter.evaluation.ReportPrinter;
import io.thinkmeter.evaluation.ReportRow;
import io.thinkmeter.evaluation.ResultsWriter;
import io.thinkmeter.ops.platform.ModelDirs;
import io.thinkmeter.ops.platform.ServiceApps;
import io.thinkmeter.ops.platform.Stack;
import io.thinkmeter.engine.model.PromptEncoder;
import io.thinkmeter.engine.model.ReasonerDescriptor;
import io.thinkmeter.engine.model.ReasonerTokenizer;
import io.thinkmeter.engine.ReasonerModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code thinkmeter eval}: a problem set under every combination of methods, budgets and taus or
 * levels, graded, summarised per combination, optionally charted; in this process or through the
 * whole platform.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a model on a problem set under every combination of method, budget and tau or level.")
final class EvalCommand implements Callable<Integer> {

    /** Rules of each kind the report lists: enough for the usual ones, short enough to read at a glance. */
    private static final int GRADER_RULES_SHOWN = 8;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    SamplingOptions samplingOptions;

    @Option(names = "--dataset", required = true, description = "JSONL problem set (problem|question, answer|final_answer)")
    Path dataset;

    @Option(names = "--method", required = true, split = ",",
            description = "none, budget-forcing, ts or tldr; repeatable or a comma list")
    List<String> methods;

    @Option(names = "--budget", split = ",", description = "token budgets; repeatable or a comma list (default: the "
            + "model's context less the problem set's longest prompt)")
    List<Integer> budgets = new ArrayList<>();

    @Option(names = "--stop-temperature", split = ",",
            description = "tau for method ts; repeatable (default: the model's table chooses from the budget)")
    List<Double> stopTemperatures = new ArrayList<>();

    @Option(names = "--level", split = ",", description = "TLDR level for method tldr; repeatable (default: the budget's tier)")
    List<String> levels = new ArrayList<>();

    @Option(names = "--min-thinking", split = ",", description = "s1's minimum thinking for method budget-forcing, "
            + "each its own row (0: none); repeatable or a comma list: 0,150 compares budget forcing without and with")
    List<Integer> minThinkings = new ArrayList<>();

    @Option(names = "--limit", description = "the first N problems only")
    Integer limit;

    @Option(names = "--answer-reserve", description = "tokens kept for the answer (default: the model's reasoner.json)")
    Integer answerReserve;

    @Option(names = "--batch-size", defaultValue = "32",
            description = "sequences decoded at once (in-process), or each worker's max in flight (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--out", description = "write one JSON line per problem and combination here")
    Path out;

    @Option(names = "--chart", description = "accuracy against mean generated tokens per method: FILE.svg or FILE.png")
    Path chart;

    @Option(names = "--json", description = "print one JSON object instead of the table")
    boolean json;

    @Option(names = "--via-platform",
            description = "run through Kafka, the scheduler, the pool workers and PostgreSQL (started here, as in demo)")
    boolean viaPlatform;

    @Option(names = "--apps", defaultValue = ".", description = "with --via-platform: where the services' "
            + "applications are built, DIR/MODULE/target/quarkus-app/quarkus-run.jar (default: the working directory)")
    Path apps;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Asked asked = asked();
        if (chart != null && !chart.toString().matches("(?i).*\\.(svg|png)")) {
            throw new ParameterException(spec.commandLine(), "--chart must name a .svg or .png file, was " + chart);
        }
        // Given budgets are checked before anything is read; a default one needs the problems first.
        List<Combination> combinations = budgets.isEmpty() ? null : runnable(asked, budgets);
        Grader grader = Graders.load();
        List<Problem> problems = ProblemSetLoader.load(dataset, limit == null ? Integer.MAX_VALUE : limit);
        if (problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(), dataset + " has no problems");
        }
        ModelDirs dirs = modelOptions.dirs();
        boolean tldrAsked = asked.methods().contains(Method.TLDR);
        if (combinations == null) {
            DefaultBudget chosen = defaultBudget(problems, asked, tldrAsked ? dirs.tldr() : null);
            PrintWriter err = spec.commandLine().getErr();
            err.println("thinkmeter eval: " + chosen.describe());
            err.flush();
            combinations = runnable(asked, List.of(chosen.budget()));
        }
        System.err.printf("thinkmeter eval: %d problems x %d combinations%s%n", problems.size(), combinations.size(),
                viaPlatform ? " through the platform" : "");
        String modelName = ReasonerDescriptor.read(dirs.main().resolve("reasoner.json")).name();
        String tldrModelName = dirs.tldr() == null || !tldrAsked ? null
                : ReasonerDescriptor.read(dirs.tldr().resolve("reasoner.json")).name();
        if (tldrModelName != null) {
            System.err.println("thinkmeter eval: method tldr runs on " + tldrModelName + " (" + dirs.tldr() + ")");
        }
        List<Outcome> outcomes;
        if (viaPlatform) {
            outcomes = viaPlatform(problems, combinations, grader);
        } else {
            try (ReasonerModel model = modelOptions.open();
                 ReasonerModel tldr = tldrModelName == null ? null : modelOptions.openTldr()) {
                outcomes = new LocalEvalRunner(model, tldr, batchSize, samplingOptions.sampling(), answerReserve,
                        grader, System.err).run(problems, combinations);
            }
        }
        List<ReportRow> rows = EvalReport.rows(outcomes);
        PrintWriter stdout = spec.commandLine().getOut();
        List<EqualTokens> equalTokens = EqualTokens.compare(rows);
        GraderRuleCounts graderRules = GraderRuleCounts.of(outcomes).top(GRADER_RULES_SHOWN);
        stdout.print(json
                ? ReportPrinter.json(rows, equalTokens, graderRules, modelName, tldrModelName, dataset.toString(),
                        problems.size()) + "\n"
                : ReportPrinter.table(rows) + ReportPrinter.equalTokensTable(equalTokens)
                        + ReportPrinter.graderRules(graderRules));
        stdout.flush();
        if (out != null) {
            ResultsWriter.write(out, outcomes);
            System.err.println("thinkmeter eval: " + outcomes.size() + " results written to " + out);
        }
        if (chart != null) {
            String models = tldrModelName == null ? modelName : modelName + " (tldr: " + tldrModelName + ")";
            AccuracyChart.write(chart, rows, models + " on " + dataset.getFileName()
                    + " (" + problems.size() + " problems)");
            System.err.println("thinkmeter eval: chart written to " + chart);
        }
        return 0;
    }

    /** The methods and levels asked for, parsed. */
    private record Asked(List<Method> methods, List<Level> levels) {}

    private Asked asked() {
        if (batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1, was " + batchSize);
        }
        List<Method> parsed = new ArrayList<>();
        try {
            for (String m : methods) {
                parsed.add(Method.fromWireName(m.strip().toLowerCase(Locale.ROOT)));
            }
            if (!stopTemperatures.isEmpty() && !parsed.contains(Method.TS)) {
                throw new IllegalArgumentException("--stop-temperature applies to method ts, which is not asked for");
            }
            if (!levels.isEmpty() && !parsed.contains(Method.TLDR)) {
                throw new IllegalArgumentException("--level applies to method tldr, which is not asked for");
            }
            if (!minThinkings.isEmpty() && !parsed.contains(Method.BUDGET_FORCING)) {
                throw new IllegalArgumentException("--min-thinking applies to method budget-forcing, which is not "
                        + "asked for");
            }
            for (int minimum : minThinkings) {
                if (minimum < 0) {
                    throw new IllegalArgumentException("--min-thinking must be 0 or more tokens, was " + minimum);
                }
            }
            if (limit != null && limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1, was " + limit);
            }
            return new Asked(parsed,
                    levels.stream().map(l -> Level.fromWireName(l.strip().toLowerCase(Locale.ROOT))).toList());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), CliRequests.inOptionTerms(e.getMessage()), e);
        }
    }

    private List<Combination> runnable(Asked asked, List<Integer> budgets) {
        List<Combination> combinations;
        try {
            combinations = Combination.expand(asked.methods(), budgets, stopTemperatures, asked.levels(), minThinkings);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), CliRequests.inOptionTerms(e.getMessage()), e);
        }
        requireRunnable(combinations);
        return combinations;
    }

    /**
     * The budget when none is given, from the prompts the models will decode (read here, so a run through the
     * platform gets the same one). A set whose longest prompt does not fit is bad usage: no budget would do.
     *
     * @param tldrDir the TLDR model's directory when method tldr runs on it, else null
     */
    private DefaultBudget defaultBudget(List<Problem> problems, Asked asked, Path tldrDir) throws IOException {
        Path mainDir = modelOptions.dirs().main();
        ReasonerDescriptor main = ReasonerDescriptor.read(mainDir.resolve("reasoner.json"));
        ReasonerDescriptor tldr = tldrDir == null ? null : ReasonerDescriptor.read(tldrDir.resolve("reasoner.json"));
        try (ReasonerTokenizer mainTokens = ReasonerTokenizer.load(mainDir.resolve(main.tokenizerFile()));
             ReasonerTokenizer tldrTokens = tldr == null ? null
                     : ReasonerTokenizer.load(tldrDir.resolve(tldr.tokenizerFile()))) {
            return DefaultBudget.of(problems, asked.methods(), asked.levels(), new PromptEncoder(main, mainTokens),
                    tldr == null ? null : new PromptEncoder(tldr, tldrTokens));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * Every combination as a request, checked by the rules ingest applies (NaN or negative taus, unknown
     * levels, a reserve that does not fit a budget, sampler settings out of range): refused before any
     * problem is decoded, rather than decoded into errors that count as wrong answers.
     */
    private void requireRunnable(List<Combination> combinations) {
        for (Combination c : combinations) {
            CliRequests.requireValid(spec, CliRequests.request(CliRequests.ANY_PROBLEM, c.budget(),
                    c.method(), c.level(), c.stopTemperature(), answerReserve, samplingOptions.sampling()));
        }
    }

    private List<Outcome> viaPlatform(List<Problem> problems, List<Combination> combinations, Grader grader)
            throws Exception {
        Path dir = Files.createTempDirectory("thinkmeter-eval");
        System.err.println("thinkmeter eval: starting Kafka, PostgreSQL, ingest, scheduler, 3 workers and the sink...");
        try (Stack stack = Stack.start(dir, modelOptions.dirs(), new ServiceApps(apps), batchSize, new Properties())) {
            String apiKey = ThinkmeterClient.createTenant(stack.url(), stack.adminKey(), "eval", null);
            PlatformEvalRunner runner = new PlatformEvalRunner(new ThinkmeterClient(stack.url(), apiKey),
                    new CorrectnessStore(stack.platform().database()), samplingOptions.sampling(), answerReserve,
                    grader, Duration.ofMinutes(30), System.err);
            return runner.run(problems, combinations);
        }
    }
}
