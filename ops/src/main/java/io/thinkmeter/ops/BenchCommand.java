package io.thinkmeter.ops;

import io.thinkmeter.ops.bench.DecodeBenchmark;
import io.thinkmeter.workers.model.ReasonerModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code thinkmeter bench decode}: decode throughput by batch size (see ops/bench/README.md). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (not tests): decode throughput.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--problems", defaultValue = "64", description = "problems decoded at each batch size")
    int problems;

    @Option(names = "--budget", defaultValue = "300")
    int budget;

    @Option(names = "--batch", split = ",", defaultValue = "1,8,32")
    int[] batches;

    @Override
    public Integer call() throws Exception {
        try (ReasonerModel reasoner = modelOptions.open()) {
            List<String> set = DecodeBenchmark.problems(modelOptions.evalSet(), problems);
            List<DecodeBenchmark.Row> rows = new DecodeBenchmark(reasoner, set, budget).run(batches);
            System.out.printf("model %s, runtime %s, %d problems, greedy, budget %d, %d cores%n",
                    reasoner.descriptor().name(), reasoner.runtime().description(), set.size(), budget,
                    Runtime.getRuntime().availableProcessors());
            System.out.println("| batch | tokens | seconds | tokens/s | x batch 1 | wall time outside ONNX Runtime |");
            System.out.println("|---|---|---|---|---|---|");
            for (DecodeBenchmark.Row r : rows) {
                System.out.printf("| %d | %d | %.2f | %.0f | %.2f | %.1f%% |%n", r.batch(), r.tokens(), r.seconds(),
                        r.tokensPerSecond(), r.ratioToBatch1(), 100 * r.outsideSessionShare());
            }
        }
        return 0;
    }
}
