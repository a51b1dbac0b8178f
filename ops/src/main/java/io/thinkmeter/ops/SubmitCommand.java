package io.thinkmeter.ops;

import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.demo.BatchProgress;
import io.thinkmeter.ops.demo.DemoReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code thinkmeter submit FILE [--wait]}: a JSONL batch (ours or OpenAI Batch API lines) to a running stack. */
@Command(name = "submit", mixinStandardHelpOptions = true, description = "Submit a JSONL batch; with --wait, follow it and print its report.")
final class SubmitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--wait", description = "wait for every request with a progress bar, then print the report")
    boolean await;

    @Option(names = "--timeout", defaultValue = "PT60M", description = "how long --wait waits (ISO-8601, default ${DEFAULT-VALUE})")
    Duration timeout;

    @Mixin
    ClientOptions clientOptions;

    @Override
    public Integer call() throws Exception {
        ThinkmeterClient client = clientOptions.client();
        String batch = client.submitBatch(Files.readString(file));
        System.out.println(batch);
        if (await) {
            long requests = client.batchStatus(batch).requestCount();
            BatchProgress.await(client, batch, requests, timeout, System.err);
            System.out.print(new DemoReport((int) requests, client.results(batch), Map.of()).table());
        }
        return 0;
    }
}
