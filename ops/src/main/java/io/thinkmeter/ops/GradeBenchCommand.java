package io.thinkmeter.ops;

import io.thinkmeter.evaluation.Problem;
import io.thinkmeter.evaluation.ProblemSetLoader;
import io.thinkmeter.grading.AnswerGraderProvider;
import io.thinkmeter.ops.bench.GradingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code thinkmeter bench grade}: answers graded per second on the real golds of the math sets (see BENCHMARKS.md). */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grading throughput: model-like outputs built from the golds of MATH500, OlympiadBench, AIME24"
                + " and AMC23, graded on one thread.")
final class GradeBenchCommand implements Callable<Integer> {

    /** The sets and where each keeps its test split under the datasets directory. */
    static final List<String> SETS = List.of("math500", "olympiadbench", "aime24", "amc23");

    @Option(names = "--datasets", required = true, description = "the directory holding SET/test.jsonl for "
            + "math500, olympiadbench, aime24 and amc23; absent sets are skipped")
    Path datasets;

    @Option(names = "--limit", description = "the first N golds of each set only")
    Integer limit;

    @Option(names = "--warm-up", defaultValue = "100", description = "pairs of each kind graded, unreported, first "
            + "(default: ${DEFAULT-VALUE})")
    int warmUp;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, was " + limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> golds = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (String set : SETS) {
            Path file = datasets.resolve(set).resolve("test.jsonl");
            if (!Files.isRegularFile(file)) {
                err.println("thinkmeter bench grade: no " + file + ": " + set + " skipped");
                continue;
            }
            // the golds as eval reads them, so the pairs are the ones eval grades
            List<Problem> problems = ProblemSetLoader.load(file, limit == null ? Integer.MAX_VALUE : limit);
            problems.forEach(p -> golds.add(p.gold()));
            used.add(set + " " + problems.size());
        }
        err.flush();
        if (golds.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "none of " + String.join(", ", SETS) + " is in "
                    + datasets + " (as SET/test.jsonl)");
        }
        // next gold wraps within the whole list: the last gold of one set meets the first of the next
        AnswerGraderProvider grader = new AnswerGraderProvider();
        GradingBenchmark bench = new GradingBenchmark(grader);
        bench.warmUp(golds, warmUp);
        List<GradingBenchmark.Row> rows = bench.run(golds);
        out.printf(Locale.ROOT, "%d golds (%s), 3 kinds, one thread, %d cores, warm-up %d pairs of each kind%n",
                golds.size(), String.join(", ", used), Runtime.getRuntime().availableProcessors(), warmUp);
        out.println("| pairs | n | equal | seconds | pairs/s | median (us) | p99 (us) |");
        out.println("|---|---|---|---|---|---|---|");
        for (GradingBenchmark.Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.0f | %.0f | %.0f |%n", r.kind(), r.pairs(), r.equal(),
                    r.seconds(), r.pairsPerSecond(), r.medianMicros(), r.p99Micros());
        }
        out.flush();
        return 0;
    }
}
