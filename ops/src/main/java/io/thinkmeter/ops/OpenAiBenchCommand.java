package io.thinkmeter.ops;

import io.thinkmeter.ops.bench.OpenAiBatchBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code thinkmeter bench openai}: one batch through our JSONL endpoint and the same through OpenAI's
 * files and batches, on one stack, in one run (see BENCHMARKS.md).
 */
@Command(name = "openai", mixinStandardHelpOptions = true,
        description = "Lines per second accepted and completed: /v1/problems/batch against /v1/files + /v1/batches.")
final class OpenAiBenchCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--problems", defaultValue = "5000", description = "lines in each batch (default: ${DEFAULT-VALUE})")
    int problems;

    @Mixin
    StackRunOptions stackRun;


    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("thinkmeter-bench-openai");
        List<OpenAiBatchBenchmark.Way> ways = new OpenAiBatchBenchmark(modelOptions.dirs(), stackRun.apps(),
                stackRun.maxInFlight, modelOptions.evalSet(), problems).run(work, System.err);
        System.out.printf("model %s, %d lines each way (budgets 48/96/192, methods none/budget-forcing/ts), %d in "
                + "flight per pool, %d cores%n", modelOptions.model.getFileName(), problems, stackRun.maxInFlight,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| way in | uploaded s | accepted s | lines/s accepted | all stored s | completed s "
                + "| lines/s completed |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (OpenAiBatchBenchmark.Way w : ways) {
            System.out.printf("| %s | %.2f | %.2f | %.0f | %.1f | %.1f | %.1f |%n", w.name(), w.uploadedSeconds(),
                    w.acceptedSeconds(), w.acceptedPerSecond(), w.storedSeconds(), w.completedSeconds(),
                    w.completedPerSecond());
        }
        OpenAiBatchBenchmark.Way ours = ways.get(0);
        OpenAiBatchBenchmark.Way openAi = ways.get(1);
        System.out.printf("ratio OpenAI / ours: accepted %.2f, completed %.2f%n",
                openAi.acceptedSeconds() / ours.acceptedSeconds(), openAi.completedSeconds() / ours.completedSeconds());
        return 0;
    }
}
