package io.thinkmeter.ingest;

import io.quarkus.runtime.Startup;
import io.thinkmeter.contracts.BatchAccepted;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.ingest.openai.OpenAiRules;
import io.thinkmeter.storage.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accepting work: parse, check the idempotency key, publish, and only then remember and count.
 * Nothing is published unless all of it is valid; nothing is reported accepted before Kafka committed
 * it; and a submission whose key was accepted before is answered with that one, never run again.
 */
@ApplicationScoped
@Startup // builds the model limits at start, so a wrong setting stops the service there, not on a request
public class Intake {

    /** A problem taken in. @param replayed true when the key's problem had been accepted before */
    public record ProblemAccepted(String id, IdempotencyKey key, boolean replayed) {}

    /** A batch taken in. @param replayed true when the key's batch had been accepted before */
    public record BatchTaken(String id, int requests, IdempotencyKey key, boolean replayed) {}

    /**
     * An uploaded batch file taken in (or refused line by line).
     *
     * @param replayed true when the key's batch had been published before: nothing was published now
     */
    public record FileBatchTaken(OpenAiFileBatch.Read read, boolean replayed) {}

    /** Where an uploaded file's content comes from: handed to {@code reader} as one stream. */
    @FunctionalInterface
    public interface FileContent {
        OpenAiFileBatch.Read readWith(io.thinkmeter.storage.OpenAiFiles.ContentReader<OpenAiFileBatch.Read> reader)
                throws java.io.IOException;
    }

    /**
     * A chat completion taken in: its samples' request ids in sample order (the first is the completion's).
     * @param replayed true when the key's completion had been accepted before
     */
    public record ChatTaken(List<String> ids, IdempotencyKey key, boolean replayed, boolean stream,
                            boolean includeUsage) {

        public String id() {
            return ids.get(0);
        }
    }

    private final SubmissionPublisher publisher;
    private final RecentlyAccepted recent;
    private final KnownBatches batches;
    private final ProblemLookup lookup;
    private final KeysInFlight inFlight;
    private final IngestMetrics metrics;
    private final int maxBatchLines;
    private final ModelLimits limits;
    private final OpenAiRules rules;

    public Intake(SubmissionPublisher publisher, RecentlyAccepted recent, KnownBatches batches, ProblemLookup lookup,
                  KeysInFlight inFlight, IngestMetrics metrics, IngestConfig config, OpenAiRules rules) {
        this.publisher = publisher;
        this.recent = recent;
        this.batches = batches;
        this.lookup = lookup;
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.maxBatchLines = config.maxBatchLines();
        this.limits = ModelLimits.of(config);
        this.rules = rules;
    }

    ModelLimits limits() {
        return limits;
    }

    /**
     * @throws ApiException 400 invalid, 409 the key was used for another problem (or is in flight)
     * @throws NotAcceptedException 503 when Kafka did not commit it in time
     */
    public ProblemAccepted submitOne(RequestBody body, ApiKeys.KeyOwner caller, IdempotencyKey key) {
        String tenant = caller.tenantId();
        String id = SubmissionIds.problem(tenant, key);
        ProblemRequest request;
        try {
            request = ProblemParser.parse(body.text(), tenant, id, limits, Instant.now()).withApiKeyId(caller.keyId());
        } catch (ApiException e) {
            metrics.rejected(1, false, e);
            throw e;
        }
        String fingerprint = Fingerprints.problem(request.problem(), request.budget(), request.method());
        try (KeysInFlight.Claim claim = inFlight.claim(id, key)) {
            Optional<String> before = recent.problem(id, tenant).or(() -> lookup.fingerprint(tenant, id));
            if (before.isPresent()) {
                requireSame(before.get(), fingerprint, key, "problem");
                return new ProblemAccepted(id, key, true);
            }
            try {
                publisher.problem(request);
            } catch (PublishFailedException e) {
                throw new NotAcceptedException(key, null, e);
            }
            recent.problem(id, tenant, fingerprint);
        }
        metrics.accepted(1, false);
        return new ProblemAccepted(id, key, false);
    }

    /**
     * A chat completion: its samples published in one transaction, as one problem is. A resubmission under
     * the key (a client's retry) publishes nothing and is answered with the ids accepted before, so the
     * retry waits on the same work.
     *
     * @throws ApiException 400 invalid (with OpenAI's param), 409 the key was used for another problem
     * @throws NotAcceptedException 503 when Kafka did not commit it in time
     */
    public ChatTaken submitChat(RequestBody body, ApiKeys.KeyOwner caller, IdempotencyKey key) {
        String tenant = caller.tenantId();
        ChatParser.Parsed chat;
        try {
            chat = ChatParser.parse(body.text(), tenant, key, limits, rules, Instant.now());
        } catch (ApiException e) {
            metrics.rejected(1, false, e);
            throw e;
        }
        List<ProblemRequest> samples = attributed(chat.samples(), caller.keyId());
        ProblemRequest first = samples.get(0);
        List<String> ids = samples.stream().map(ProblemRequest::id).toList();
        String fingerprint = Fingerprints.problem(first.problem(), first.budget(), first.method());
        try (KeysInFlight.Claim claim = inFlight.claim(first.id(), key)) {
            Optional<String> before = recent.problem(first.id(), tenant).or(() -> lookup.fingerprint(tenant, first.id()));
            if (before.isPresent()) {
                requireSame(before.get(), fingerprint, key, "problem");
                return new ChatTaken(ids, key, true, chat.stream(), chat.includeUsage());
            }
            try {
                publisher.problems(samples);
            } catch (PublishFailedException e) {
                throw new NotAcceptedException(key, null, e);
            }
            for (String id : ids) {
                recent.problem(id, tenant, fingerprint);
            }
        }
        metrics.accepted(samples.size(), false);
        return new ChatTaken(ids, key, false, chat.stream(), chat.includeUsage());
    }

    /**
     * @throws ApiException 400 invalid, 413 too many lines, 409 the key was used for another batch
     * @throws NotAcceptedException 503 when Kafka did not commit it in time
     */
    public BatchTaken submitBatch(RequestBody body, ApiKeys.KeyOwner caller, BatchDefaults defaults,
                                  IdempotencyKey key) {
        String tenant = caller.tenantId();
        String id = SubmissionIds.batch(tenant, key);
        String fingerprint = Fingerprints.batch(body.bytes(), defaults);
        try (KeysInFlight.Claim claim = inFlight.claim(id, key)) {
            // checked before parsing: a batch accepted once is answered as it was, even if the rules changed since
            Optional<BatchStore.Batch> before = batches.find(tenant, id);
            if (before.isPresent()) {
                requireSame(before.get().fingerprint(), fingerprint, key, "batch");
                return new BatchTaken(id, before.get().requestCount(), key, true);
            }
            Instant now = Instant.now();
            ParsedBatch batch;
            try {
                ParsedBatch parsed = BatchParser.parse(body.text(), tenant, id, defaults, maxBatchLines, limits, rules,
                        now);
                batch = new ParsedBatch(id, parsed.inputFormat(), attributed(parsed.requests(), caller.keyId()));
            } catch (ApiException e) {
                metrics.rejected(body.text().lines().filter(l -> !l.isBlank()).count(), true, e);
                throw e;
            }
            int count = batch.requests().size();
            try {
                publisher.batch(batch, new BatchAccepted(BatchAccepted.SCHEMA_VERSION, id, tenant, batch.inputFormat(),
                        count, key.value(), fingerprint, now));
            } catch (PublishFailedException e) {
                throw new NotAcceptedException(key, id, e);
            }
            recent.batch(new BatchStore.Batch(id, tenant, now, batch.inputFormat(), count, fingerprint));
            metrics.accepted(count, true);
            return new BatchTaken(id, count, key, false);
        }
    }

    /** The internal batch an OpenAI batch's lines are published as (whether or not they are yet). */
    public static String fileBatchId(String tenant, String openAiBatchId) {
        return SubmissionIds.batch(tenant, fileBatchKey(openAiBatchId));
    }

    private static IdempotencyKey fileBatchKey(String openAiBatchId) {
        return new IdempotencyKey("openai " + openAiBatchId, false);
    }

    /**
     * Publishes an uploaded OpenAI batch file as a batch, as {@link #submitBatch} does a body: read line by
     * line, all or nothing, one Kafka transaction. Its idempotency key derives from the OpenAI batch id, so
     * the ids do too: a batch published before (by this instance or another, before a crash) is found and
     * not published again; it is read again only for where its lines begin.
     *
     * @param apiKeyId the key that created the OpenAI batch: every request is charged to it
     * @param openAiBatchId {@code batch_…}, the batch of OpenAI's API this publishes
     * @param inputFileId the file it reads, its fingerprint
     * @param maxLineBytes the longest line read
     * @param content null from {@code readWith} when the file is gone
     * @return the file read (null when it is gone); with errors, nothing was published
     * @throws PublishFailedException when Kafka did not commit it in time: nothing is accepted, try again
     * @throws java.io.UncheckedIOException when the content could not be read
     */
    public FileBatchTaken submitFile(String tenant, String apiKeyId, String openAiBatchId, String inputFileId, int maxLineBytes,
                                     FileContent content) {
        IdempotencyKey key = fileBatchKey(openAiBatchId);
        String fingerprint = "openai input file " + inputFileId;
        String id = SubmissionIds.batch(tenant, key);
        try (KeysInFlight.Claim claim = inFlight.claim(id, key)) {
            boolean before = batches.find(tenant, id).isPresent();
            Instant now = Instant.now();
            OpenAiFileBatch.Read read;
            try {
                read = content.readWith(in -> OpenAiFileBatch.read(in, tenant, id, limits, rules, maxBatchLines,
                        maxLineBytes, now));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("could not read the file of batch " + id, e);
            }
            if (read == null || before) {
                // no such file any more; or published before, under this key
                return new FileBatchTaken(read, before);
            }
            if (!read.errors().isEmpty()) {
                return new FileBatchTaken(read, false);
            }
            int count = read.requestCount();
            publisher.batch(new ParsedBatch(id, BatchParser.OPENAI, attributed(read.requests(), apiKeyId)),
                    new BatchAccepted(BatchAccepted.SCHEMA_VERSION, id, tenant, BatchParser.OPENAI, count, key.value(),
                            fingerprint, now));
            recent.batch(new BatchStore.Batch(id, tenant, now, BatchParser.OPENAI, count, fingerprint));
            metrics.accepted(count, true);
            return new FileBatchTaken(read, false);
        }
    }

    /** The requests charged to the API key {@code keyId} as well as their tenant. */
    private static List<ProblemRequest> attributed(List<ProblemRequest> requests, String keyId) {
        return requests.stream().map(r -> r.withApiKeyId(keyId)).toList();
    }

    private static void requireSame(String before, String now, IdempotencyKey key, String what) {
        if (!now.equals(before)) {
            throw new ApiException(409, "the Idempotency-Key was already used; nothing was submitted",
                    List.of(IdempotencyKey.HEADER + " '" + key.value() + "' was already used for a different " + what
                            + ": send this one with a new key"));
        }
    }
}
