package io.thinkmeter.ops.demo;

import io.thinkmeter.contracts.BatchViews;
import io.thinkmeter.ops.client.ThinkmeterClient;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

/** Polls a batch's status and draws a progress bar until every request has finished or time runs out. */
public final class BatchProgress {

    private BatchProgress() {}

    /** @return the last status seen */
    public static BatchViews.Status await(ThinkmeterClient client, String batchId, long requests, Duration timeout,
                                 PrintStream out) throws IOException {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("batch " + batchId.substring(0, 8))
                .setInitialMax(requests).setStyle(ProgressBarStyle.ASCII).continuousUpdate()
                .setConsumer(new ConsoleProgressBarConsumer(out));
        long deadline = System.nanoTime() + timeout.toNanos();
        BatchViews.Status status = client.batchStatus(batchId);
        try (ProgressBar bar = builder.build()) {
            while (ThinkmeterClient.finished(status) < requests) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("batch " + batchId + " did not finish within " + timeout.toSeconds()
                            + " s: " + status);
                }
                bar.stepTo(ThinkmeterClient.finished(status));
                bar.setExtraMessage(status.tokens().total() + " tokens");
                sleep();
                status = client.batchStatus(batchId);
            }
            bar.stepTo(requests);
            bar.setExtraMessage(status.tokens().total() + " tokens");
        }
        return status;
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
