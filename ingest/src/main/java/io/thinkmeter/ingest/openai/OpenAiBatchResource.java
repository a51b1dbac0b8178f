package io.thinkmeter.ingest.openai;

import io.thinkmeter.contracts.BatchCancelled;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.ingest.ApiException;
import io.thinkmeter.ingest.Callers;
import io.thinkmeter.ingest.HttpLimits;
import io.thinkmeter.ingest.IngestConfig;
import io.thinkmeter.ingest.Intake;
import io.thinkmeter.ingest.OpenAiBatchForm;
import io.thinkmeter.storage.ApiKeys;
import io.thinkmeter.storage.OpenAiBatches;
import io.thinkmeter.storage.OpenAiFiles;
import io.thinkmeter.storage.StoredResults;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAI's Batches API: a batch runs an uploaded file's lines as chat completions through the same path as
 * any batch (Kafka, the scheduler and its quotas, the pools, the ledger), charged to the tenant and
 * attributed to the key that created it. Created {@code validating}; the {@link BatchTracker} does the rest.
 */
@Path("/v1/batches")
@Produces(MediaType.APPLICATION_JSON)
public class OpenAiBatchResource {

    static final int DEFAULT_LIST_LIMIT = 20;
    static final int MAX_LIST_LIMIT = 100;
    private static final Set<String> CANCELLABLE = Set.of(OpenAiBatches.VALIDATING, OpenAiBatches.IN_PROGRESS,
            OpenAiBatches.CANCELLING, OpenAiBatches.EXPIRING);

    private final Callers callers;
    private final OpenAiBatches batches;
    private final OpenAiFiles files;
    private final StoredResults results;
    private final BatchTracker tracker;
    private final BatchCancellations cancellations;
    private final HttpLimits http;
    private final Duration window;

    public OpenAiBatchResource(Callers callers, OpenAiBatches batches, OpenAiFiles files, StoredResults results,
                         BatchTracker tracker, BatchCancellations cancellations, HttpLimits http,
                         IngestConfig config) {
        this.callers = callers;
        this.batches = batches;
        this.files = files;
        this.results = results;
        this.tracker = tracker;
        this.cancellations = cancellations;
        this.http = http;
        this.window = config.openai().completionWindow();
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public BatchObject create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) {
        ApiKeys.KeyOwner caller = callers.caller(authorization);
        OpenAiBatchForm form = OpenAiBatchForm.read(body, http);
        OpenAiFiles.StoredFile input = (OpenAiIds.couldBeFile(form.inputFileId())
                ? files.find(caller.tenantId(), form.inputFileId()) : Optional.<OpenAiFiles.StoredFile>empty())
                .orElseThrow(() -> ApiException.badRequest("input_file_id '" + OpenAiIds.shown(form.inputFileId())
                        + "' is not a file of this API key's tenant"));
        if (!OpenAiFiles.PURPOSE_BATCH.equals(input.purpose())) {
            throw ApiException.badRequest("input_file_id '" + input.id() + "' has purpose '" + input.purpose()
                    + "'; a batch's input file must have purpose 'batch'");
        }
        Instant now = Instant.now();
        OpenAiBatches.Batch created = batches.create(new OpenAiBatches.NewBatch(OpenAiIds.newBatchId(),
                caller.tenantId(), caller.keyId(), input.id(), form.endpoint(), form.completionWindow(),
                form.metadata().isEmpty() ? null : Json.text(form.metadata()), now, now.plus(window)));
        tracker.soon(created.id(), created.tenant());
        return view(created);
    }

    @GET
    @Path("{id}")
    public BatchObject get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        return view(batch(callers.tenant(authorization), id));
    }

    /** Newest first; {@code after} is the id of the last batch of the page before. */
    @GET
    public OpenAiList<BatchObject> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                        @QueryParam("after") String after, @QueryParam("limit") String limit) {
        String tenant = callers.tenant(authorization);
        int n = OpenAiRequests.limit(limit, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
        return OpenAiList.of(batches.list(tenant, after, n + 1), n, this::view, BatchObject::id);
    }

    /**
     * Stops what has not started: {@code cancelling} now, the workers told to skip the batch's unstarted
     * requests; {@code cancelled} once every request has an outcome. Asking again changes nothing.
     */
    @POST
    @Path("{id}/cancel")
    public BatchObject cancel(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @PathParam("id") String id) {
        String tenant = callers.tenant(authorization);
        OpenAiBatches.Batch before = batch(tenant, id);
        if (!CANCELLABLE.contains(before.status())) {
            throw ApiException.badRequest("Cannot cancel a batch with status '" + BatchObject.shownStatus(
                    before.status()) + "'.");
        }
        OpenAiBatches.Batch after = batches.cancel(tenant, id).orElseThrow();
        if (OpenAiBatches.CANCELLING.equals(after.status()) && !OpenAiBatches.CANCELLING.equals(before.status())) {
            // told at once, if Kafka answers; the tracker repeats it until it is sent
            try {
                cancellations.publish(Intake.fileBatchId(tenant, id), tenant,
                        BatchCancelled.CANCELLED);
            } catch (RuntimeException e) {
                tracker.soon(id, tenant);
            }
        }
        return view(after);
    }

    private OpenAiBatches.Batch batch(String tenant, String id) {
        ApiException notFound = ApiException.notFound("No batch found with id '" + OpenAiIds.shown(id) + "'.");
        if (!OpenAiIds.couldBeBatch(id)) {
            throw notFound;
        }
        return batches.find(tenant, id).orElseThrow(() -> notFound);
    }

    private BatchObject view(OpenAiBatches.Batch b) {
        boolean ended = b.completedLines() != null;
        OpenAiBatches.LineCounts progress = ended || b.batchId() == null ? new OpenAiBatches.LineCounts(0, 0)
                : batches.progress(b);
        StoredResults.BatchTotals totals = b.batchId() == null ? null : results.totals(b.tenant(), b.batchId());
        return BatchObject.of(b, progress, totals);
    }
}
