package io.thinkmeter.ingest.openai;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.thinkmeter.contracts.BatchCancelled;
import io.thinkmeter.ingest.HttpLimits;
import io.thinkmeter.ingest.IngestConfig;
import io.thinkmeter.ingest.Intake;
import io.thinkmeter.ingest.OpenAiFileBatch;
import io.thinkmeter.storage.OpenAiBatches;
import io.thinkmeter.storage.OpenAiFiles;
import io.thinkmeter.storage.StoredResults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Moves OpenAI batches along, in the background, every {@code thinkmeter.ingest.openai.tracker-interval}:
 * validates and publishes a {@code validating} batch (also one a crash left), expires one whose window ran
 * out, and ends one whose every request has an outcome (output and error files, then {@code completed},
 * {@code cancelled} or {@code expired}).
 *
 * <p>Several ingest instances may run trackers at once: a batch is worked on only under its PostgreSQL
 * advisory lock (which a crashed instance's connection releases), and each status change is a
 * conditional UPDATE from the status it leaves, so nothing is published, expired or ended twice.
 */
@ApplicationScoped
public class BatchTracker {

    private static final Logger LOG = Logger.getLogger(BatchTracker.class);

    private final OpenAiBatches batches;
    private final OpenAiFiles files;
    private final StoredResults results;
    private final Intake intake;
    private final BatchCancellations cancellations;
    private final Duration interval;
    private final int maxLineBytes;
    /** Batches whose skip notice this instance has published: repeated once after a restart, not every tick. */
    private final Set<String> noticeSent = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService executor;

    public BatchTracker(OpenAiBatches batches, OpenAiFiles files, StoredResults results, Intake intake,
                        BatchCancellations cancellations, IngestConfig config, HttpLimits http) {
        this.batches = batches;
        this.files = files;
        this.results = results;
        this.intake = intake;
        this.cancellations = cancellations;
        this.interval = config.openai().trackerInterval();
        this.maxLineBytes = (int) Math.min(Integer.MAX_VALUE - 8, http.maxBodyBytes());
    }

    void start(@Observes StartupEvent ignored) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "openai-batch-tracker");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Looks at one batch now rather than at the next tick (a batch just created or cancelled). */
    void soon(String id, String tenant) {
        if (executor != null) {
            executor.execute(() -> advanceQuietly(id, tenant));
        }
    }

    /** Every batch not yet ended, once. */
    void tick() {
        try {
            for (OpenAiBatches.Batch b : batches.open()) {
                advanceQuietly(b.id(), b.tenant());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "the batch tracker could not list the open batches; trying again in %s", interval);
        }
    }

    private void advanceQuietly(String id, String tenant) {
        try {
            batches.whileLocked(id, () -> {
                advance(id, tenant);
                return Boolean.TRUE;
            });
        } catch (RuntimeException e) {
            // Kafka or PostgreSQL away: the batch stays as it is and is looked at again next tick
            LOG.warnf(e, "batch %s could not be moved on; trying again in %s", id, interval);
        }
    }

    /**
     * One step (or several) of one batch. The tracker calls it under the batch's lock; called without
     * (as a test does, playing an instance that lost its lock), the conditional UPDATEs still let only one
     * caller make each change.
     */
    public void advance(String id, String tenant) {
        Optional<OpenAiBatches.Batch> found = batches.find(tenant, id);
        if (found.isEmpty()) {
            return;
        }
        OpenAiBatches.Batch b = found.get();
        if ((OpenAiBatches.VALIDATING.equals(b.status()) || OpenAiBatches.IN_PROGRESS.equals(b.status()))
                && !b.expiresAt().isAfter(Instant.now()) && batches.expire(id)) {
            b = reload(b);
        }
        switch (b.status()) {
            case OpenAiBatches.VALIDATING -> validate(b);
            case OpenAiBatches.IN_PROGRESS -> {
                if (allHaveOutcomes(b) && batches.startFinalizing(id)) {
                    end(reload(b), OpenAiBatches.FINALIZING, OpenAiBatches.COMPLETED);
                }
            }
            case OpenAiBatches.FINALIZING -> end(b, OpenAiBatches.FINALIZING, OpenAiBatches.COMPLETED);
            case OpenAiBatches.CANCELLING -> stopping(b, BatchCancelled.CANCELLED, OpenAiBatches.CANCELLED);
            case OpenAiBatches.EXPIRING -> stopping(b, BatchCancelled.EXPIRED, OpenAiBatches.EXPIRED);
            default -> { }
        }
    }

    private void validate(OpenAiBatches.Batch b) {
        Intake.FileBatchTaken taken = intake.submitFile(b.tenant(), b.apiKeyId(), b.id(), b.inputFileId(), maxLineBytes,
                reader -> files.read(b.tenant(), b.inputFileId(), reader).orElse(null));
        OpenAiFileBatch.Read read = taken.read();
        if (read == null) {
            batches.failValidation(b.id(), BatchObject.errorsJson(List.of(new OpenAiFileBatch.LineError(
                    "invalid_file", null, "the input file " + b.inputFileId() + " was deleted before the batch ran",
                    "input_file_id"))));
            return;
        }
        if (!taken.replayed() && !read.errors().isEmpty()) {
            batches.failValidation(b.id(), BatchObject.errorsJson(read.errors()));
            return;
        }
        batches.published(b.id(), read.batchId(), read.lineStarts(), read.customIds(), read.requestCount());
        OpenAiBatches.Batch now = reload(b);
        if (!OpenAiBatches.VALIDATING.equals(now.status()) && !OpenAiBatches.IN_PROGRESS.equals(now.status())) {
            // cancelled or expired while it was being published: its requests are to be skipped
            advance(b.id(), b.tenant());
        }
    }

    private void stopping(OpenAiBatches.Batch b, String reason, String endStatus) {
        if (b.batchId() == null) {
            // stopped before its lines were published: nothing ran, nothing will
            batches.finish(b, b.status(), endStatus, null, null);
            return;
        }
        if (noticeSent.add(b.id())) {
            try {
                cancellations.publish(b.batchId(), b.tenant(), reason);
            } catch (RuntimeException e) {
                noticeSent.remove(b.id());
                throw e;
            }
        }
        if (allHaveOutcomes(b)) {
            end(b, b.status(), endStatus);
        }
    }

    private void end(OpenAiBatches.Batch b, String from, String to) {
        BatchOutput output = new BatchOutput(results, b, to);
        if (batches.finish(b, from, to, output.outputFile(), output.errorFile())) {
            noticeSent.remove(b.id());
        }
    }

    private boolean allHaveOutcomes(OpenAiBatches.Batch b) {
        if (b.batchId() == null) {
            return false;
        }
        StoredResults.BatchTotals t = results.totals(b.tenant(), b.batchId());
        return t.done() + t.error() + t.rejected() >= b.requestCount();
    }

    private OpenAiBatches.Batch reload(OpenAiBatches.Batch b) {
        return batches.find(b.tenant(), b.id()).orElseThrow();
    }
}
