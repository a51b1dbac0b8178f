package io.thinkmeter.ops;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code thinkmeter status BATCH}: counts by state and tokens spent so far. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Print a batch's counts by state and tokens spent.")
final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BATCH")
    String batch;

    @Mixin
    ClientOptions clientOptions;

    @Override
    public Integer call() throws Exception {
        System.out.println(clientOptions.client().batchStatus(batch).toPrettyString());
        return 0;
    }
}
