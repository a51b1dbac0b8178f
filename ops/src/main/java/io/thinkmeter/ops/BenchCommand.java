package io.thinkmeter.ops;

import io.thinkmeter.ops.bench.DecodeBenchmark;
import io.thinkmeter.ops.bench.StepCostBenchmark;
import io.thinkmeter.engine.BatchPolicy;
import io.thinkmeter.engine.ReasonerModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code thinkmeter bench}: decode throughput by batch size; {@code thinkmeter bench e2e}: one batch
 * through the platform; {@code thinkmeter bench sink}: the storage sink's records per second (see
 * BENCHMARKS.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {E2eBenchCommand.class, SinkBenchCommand.class, OpenAiBenchCommand.class,
        GradeBenchCommand.class},
        description = "Benchmarks (not tests): decode throughput; 'bench e2e': a batch through the platform;"
                + " 'bench sink': storage sink throughput; 'bench grade': grading throughput.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--problems", defaultValue = "64", description = "problems decoded at each batch size")
    int problems;

    @Option(names = "--budget", defaultValue = "300")
    int budget;

    @Option(names = "--batch", split = ",", defaultValue = "1,8,32")
    int[] batches;

    @Option(names = "--repeat", defaultValue = "3", description = "runs per batch size; the median is reported")
    int repeat;

    @Option(names = "--wave", defaultValue = "1.0", description = "share of the batch free before sequences join")
    double wave;

    @Option(names = "--compact", defaultValue = "0.25", description = "share of vacant rows that triggers compaction")
    double compact;

    @Option(names = "--step-cost", description = "also time single decode steps by batch and cache length")
    boolean stepCost;

    @Override
    public Integer call() throws Exception {
        try (ReasonerModel reasoner = modelOptions.open()) {
            if (stepCost) {
                printStepCost(reasoner);
            }
            List<String> set = DecodeBenchmark.problems(modelOptions.evalSet(), problems);
            List<DecodeBenchmark.Row> rows = new DecodeBenchmark(reasoner, set, budget, new BatchPolicy(wave, compact)).run(batches, repeat);
            System.out.printf("model %s, runtime %s, %d problems, greedy, budget %d, %d cores, wave %.2f, compact %.2f,"
                            + " ONNX Runtime threads %s, median of %d runs%n",
                    reasoner.descriptor().name(), reasoner.runtime().description(), set.size(), budget,
                    Runtime.getRuntime().availableProcessors(), wave, compact,
                    modelOptions.threads == 0 ? "default" : Integer.toString(modelOptions.threads), repeat);
            System.out.println("| batch | tokens | seconds | tokens/s | x batch 1 | wall time outside ONNX Runtime |");
            System.out.println("|---|---|---|---|---|---|");
            for (DecodeBenchmark.Row r : rows) {
                System.out.printf("| %d | %d | %.2f | %.0f | %.2f | %.1f%% |%n", r.batch(), r.tokens(), r.seconds(),
                        r.tokensPerSecond(), r.ratioToBatch1(), 100 * r.outsideSessionShare());
            }
            System.out.println();
            System.out.println("| batch | session | runtime wrapper | chain + pick | cache rebuilds (n) | tokenize | results | rest |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (DecodeBenchmark.Row r : rows) {
                DecodeBenchmark.Breakdown b = r.breakdown();
                System.out.printf("| %d | %.1f%% | %.1f%% | %.1f%% | %.1f%% (%d) | %.1f%% | %.1f%% | %.1f%% |%n", r.batch(),
                        100 * b.session(), 100 * b.runtimeWrapper(), 100 * b.chain(), 100 * b.rebuild(), b.rebuilds(),
                        100 * b.admit(), 100 * b.assemble(), 100 * b.other());
            }
        }
        return 0;
    }

    private void printStepCost(ReasonerModel reasoner) {
        List<StepCostBenchmark.Cell> cells = new StepCostBenchmark(reasoner.runtime(), reasoner.descriptor().kvCache())
                .run(batches, new int[] {32, 128, 256}, 30);
        System.out.println("| batch | cache length | one step (us, median of 30) | per sequence (us) |");
        System.out.println("|---|---|---|---|");
        for (StepCostBenchmark.Cell c : cells) {
            System.out.printf("| %d | %d | %.0f | %.1f |%n", c.batch(), c.length(), c.microsPerStep(),
                    c.microsPerToken());
        }
        System.out.println();
    }
}
