package io.thinkmeter.ops;

import io.thinkmeter.ops.bench.EndToEndBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code thinkmeter bench e2e}: the same problems decoded by the engine alone and through the whole
 * platform, in one run (see BENCHMARKS.md).
 */
@Command(name = "e2e", mixinStandardHelpOptions = true,
        description = "End-to-end time of one batch through the platform against the decode-only time of the same problems.")
final class E2eBenchCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--problems", defaultValue = "5000", description = "problems in the batch (default: ${DEFAULT-VALUE})")
    int problems;

    @Mixin
    StackRunOptions stackRun;


    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("thinkmeter-bench-e2e");
        EndToEndBenchmark.Figures f = new EndToEndBenchmark(modelOptions.dirs(), stackRun.apps(), stackRun.maxInFlight,
                modelOptions.evalSet(), problems).run(work, System.err);
        System.out.printf("model %s, %d problems (budgets 48/96/192, methods none/budget-forcing/ts), %d in flight per"
                        + " pool, %d cores%n", modelOptions.model.getFileName(), f.problems(), stackRun.maxInFlight,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| | seconds | generated tokens/s |");
        System.out.println("|---|---|---|");
        System.out.printf("| decode only (three pools' decoders in parallel) | %.1f | %.0f |%n", f.decodeOnlySeconds(),
                f.generatedTokens() / f.decodeOnlySeconds());
        System.out.printf("| end to end (ingest to the last result stored in PostgreSQL) | %.1f | %.0f |%n",
                f.endToEndSeconds(), f.generatedTokens() / f.endToEndSeconds());
        System.out.printf("ratio end-to-end / decode-only: %.2f (goal: at most 1.5); batch accepted after %.2f s, "
                + "first result stored after %.2f s%n", f.ratio(), f.acceptedSeconds(), f.firstStoredSeconds());
        return 0;
    }
}
