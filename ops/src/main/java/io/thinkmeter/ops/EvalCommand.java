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
import java.util.stream.Collectors;

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

    /** The main model and the (first) TLDR model, as chosen in {@link #call}. */
    private ModelDirs dirs;

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
        List<TldrModelOption.Named> named = modelOptions.tldrModel.named();
        if (named.size() > 1 && viaPlatform) {
            throw new ParameterException(spec.commandLine(), "--via-platform runs one TLDR model (the platform serves "
                    + "one), --tldr-model named " + named.size());
        }
        // Several TLDR models: the first stands for them where one is needed (the default budget's prompts).
        dirs = named.size() > 1 ? ModelDirs.choose(modelOptions.model, named.get(0).dir()) : modelOptions.dirs();
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
        String modelName = modelName(dirs.main());
        List<TldrModel> tldrModels = tldrAsked ? tldrModels(named) : List.of();
        String tldrModelName = tldrModels.isEmpty() ? null
                : tldrModels.stream().map(TldrModel::name).collect(Collectors.joining(", "));
        for (TldrModel t : tldrModels) {
            System.err.println("thinkmeter eval: method tldr runs on " + t.name() + " (" + t.dir() + ")");
        }
        List<Outcome> outcomes;
        if (viaPlatform) {
            outcomes = viaPlatform(problems, combinations, grader);
        } else {
            outcomes = inProcess(problems, combinations, tldrModels, grader);
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

    /** A TLDR model tldr runs on, by the name the report gives it. */
    private record TldrModel(String name, Path dir) {}

    /**
     * The TLDR models method tldr runs on: every one named (NAME=DIR, or DIR by its reasoner.json's name), or the
     * one {@link ModelDirs} chose; empty when the main model serves tldr.
     */
    private List<TldrModel> tldrModels(List<TldrModelOption.Named> named) throws IOException {
        if (named.size() <= 1) {
            if (dirs.tldr() == null) {
                return List.of();
            }
            String name = named.isEmpty() || named.get(0).name() == null ? modelName(dirs.tldr()) : named.get(0).name();
            return List.of(new TldrModel(name, dirs.tldr()));
        }
        List<TldrModel> out = new ArrayList<>();
        for (TldrModelOption.Named n : named) {
            Path dir = Path.of(n.dir());
            String name = n.name() == null ? modelName(dir) : n.name();
            if (out.stream().anyMatch(t -> t.name().equals(name))) {
                throw new ParameterException(spec.commandLine(), "--tldr-model names two models " + name
                        + ": give each its own name, NAME=DIR");
            }
            out.add(new TldrModel(name, dir));
        }
        return out;
    }

    private static String modelName(Path dir) throws IOException {
        return ReasonerDescriptor.read(dir.resolve("reasoner.json")).name();
    }

    /**
     * In this process. One TLDR model (or none) runs beside the main model in one batch, as on a worker; several
     * each run the tldr combinations in turn, their outcomes named after the model, so the report keeps them apart.
     */
    private List<Outcome> inProcess(List<Problem> problems, List<Combination> combinations,
                                    List<TldrModel> tldrModels, Grader grader) throws IOException {
        try (ReasonerModel model = modelOptions.open(dirs.main())) {
            if (tldrModels.size() <= 1) {
                try (ReasonerModel tldr = tldrModels.isEmpty() ? null : modelOptions.open(tldrModels.get(0).dir())) {
                    return runner(model, tldr, grader).run(problems, combinations);
                }
            }
            List<Combination> tldrCombinations = combinations.stream().filter(c -> c.method() == Method.TLDR).toList();
            List<Combination> others = combinations.stream().filter(c -> c.method() != Method.TLDR).toList();
            List<Outcome> outcomes = new ArrayList<>(others.isEmpty() ? List.of()
                    : runner(model, null, grader).run(problems, others));
            for (TldrModel t : tldrModels) {
                try (ReasonerModel tldr = modelOptions.open(t.dir())) {
                    runner(model, tldr, grader).run(problems, tldrCombinations)
                            .forEach(o -> outcomes.add(o.onTldrModel(t.name())));
                }
            }
            return outcomes;
        }
    }

    private LocalEvalRunner runner(ReasonerModel model, ReasonerModel tldr, Grader grader) {
        return new LocalEvalRunner(model, tldr, batchSize, samplingOptions.sampling(), answerReserve, grader,
                System.err);
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
        Path mainDir = dirs.main();
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
