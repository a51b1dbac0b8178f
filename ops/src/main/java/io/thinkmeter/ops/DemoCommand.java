package io.thinkmeter.ops;

import io.thinkmeter.ops.demo.DemoPlan;
import io.thinkmeter.ops.demo.DemoReport;
import io.thinkmeter.workers.engine.BatchDecoder;
import io.thinkmeter.workers.engine.DecodeResult;
import io.thinkmeter.workers.model.ReasonerModel;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code thinkmeter demo}: the tiny model's demo set, with mixed budgets and methods, decoded by one
 * continuous-batching decoder per pool, then a table per pool and method.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Decode the bundled demo set with mixed budgets and methods and print a table per pool and method.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--problems", defaultValue = "90", description = "demo problems (default: ${DEFAULT-VALUE})")
    int problems;

    @Option(names = "--max-batch", defaultValue = "16", description = "sequences decoded together per pool")
    int maxBatch;

    @Option(names = "--json", description = "print one JSON object instead of the table")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (ReasonerModel reasoner = modelOptions.open()) {
            List<DemoPlan.Item> items = DemoPlan.build(modelOptions.evalSet(), problems,
                    reasoner.descriptor().defaultAnswerReserve());
            DemoReport report = new DemoReport();
            report.submitted(items.size());
            ProgressBarBuilder bar = new ProgressBarBuilder().setTaskName("decoding").setInitialMax(items.size())
                    .setStyle(ProgressBarStyle.ASCII).continuousUpdate();
            if (json) {
                bar.setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err));
            }
            try (ProgressBar progress = bar.build()) {
                for (Map.Entry<String, List<DemoPlan.Item>> pool : DemoPlan.byPool(items).entrySet()) {
                    progress.setExtraMessage(pool.getKey() + " pool");
                    Map<String, DemoPlan.Item> byId = new HashMap<>();
                    try (BatchDecoder decoder = new BatchDecoder(reasoner, maxBatch)) {
                        for (DemoPlan.Item item : pool.getValue()) {
                            byId.put(item.request().id(), item);
                            decoder.submit(item.request());
                        }
                        while (!decoder.idle()) {
                            for (DecodeResult r : decoder.step()) {
                                report.add(byId.get(r.id()), r);
                                progress.step();
                            }
                        }
                    }
                }
            }
            System.out.println(json ? report.json() : report.table());
        }
        return 0;
    }
}
