package io.thinkmeter.ops;

import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.demo.DemoReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code thinkmeter report BATCH}: per pool and method, requests, mean thinking and total tokens. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Print a batch's table per pool and method.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BATCH")
    String batch;

    @Option(names = "--json")
    boolean json;

    @Mixin
    ClientOptions clientOptions;

    @Override
    public Integer call() throws Exception {
        ThinkmeterClient client = clientOptions.client();
        long requests = client.batchStatus(batch).requestCount();
        DemoReport report = new DemoReport((int) requests, client.results(batch), Map.of());
        System.out.print(json ? report.json() + "\n" : report.table());
        return 0;
    }
}
