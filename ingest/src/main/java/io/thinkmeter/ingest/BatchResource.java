package io.thinkmeter.ingest;

import io.thinkmeter.contracts.BatchViews;
import io.thinkmeter.storage.ApiKeys;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.InputStream;
import java.net.URI;

/** {@code /v1/problems/batch}: submit a JSONL batch, follow its progress, read its results in input order. */
@Path("/v1/problems/batch")
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    static final String NDJSON = "application/x-ndjson";
    static final String MISSING_HEADER = "X-Thinkmeter-Missing";
    static final int MAX_PAGE_SIZE = 1000;

    private final Callers callers;
    private final Intake intake;
    private final KnownBatches batches;
    private final BatchReports reports;
    private final HttpLimits http;

    public BatchResource(Callers callers, Intake intake, KnownBatches batches, BatchReports reports, HttpLimits http) {
        this.callers = callers;
        this.intake = intake;
        this.batches = batches;
        this.reports = reports;
        this.http = http;
    }

    /** 202 with the batch; a resubmission under the same Idempotency-Key gets the batch accepted before. */
    @POST
    @Consumes({NDJSON, "application/jsonl", MediaType.TEXT_PLAIN})
    public Response submit(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
                           @QueryParam("budget") String budget, @QueryParam("method") String method,
                           InputStream body) {
        ApiKeys.KeyOwner caller = callers.caller(authorization);
        IdempotencyKey key = IdempotencyKey.parse(idempotencyKey);
        BatchDefaults defaults = BatchDefaults.parse(budget, method, intake.limits());
        RequestBody read = RequestBody.read(body, http.maxBodyBytes());
        Intake.BatchTaken batch = intake.submitBatch(read, caller, defaults, key);
        Response.ResponseBuilder response = Response.accepted(
                        new BatchViews.Accepted(batch.id(), batch.requests(), key.value()))
                .location(URI.create("/v1/problems/batch/" + batch.id()))
                .header(IdempotencyKey.HEADER, key.value());
        if (batch.replayed()) {
            response.header(ProblemResource.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @Path("{id}")
    public BatchViews.Status status(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                    @PathParam("id") String id) {
        return reports.status(batch(authorization, id));
    }

    @GET
    @Path("{id}/results")
    public BatchViews.ResultPage results(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                         @PathParam("id") String id, @QueryParam("page") String page,
                                         @QueryParam("size") String size) {
        BatchStore.Batch batch = batch(authorization, id);
        int p = QueryParams.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int s = QueryParams.integer("size", size, 100, 1, MAX_PAGE_SIZE);
        return new BatchViews.ResultPage(id, p, s, reports.stored(batch), reports.page(batch, p, s));
    }

    /** Every stored result as one JSON line each, in input order; the header says how many are missing. */
    @GET
    @Path("{id}/results.jsonl")
    @Produces(NDJSON)
    public Response resultsJsonl(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                 @PathParam("id") String id) {
        BatchStore.Batch batch = batch(authorization, id);
        // counted before streaming starts (headers go first); a result stored meanwhile may still
        // appear in the body, so the header is an upper bound on what is missing
        long missing = Math.max(0, batch.requestCount() - reports.stored(batch));
        StreamingOutput jsonl = out -> ResultLines.write(reports, batch, out);
        return Response.ok(jsonl, NDJSON)
                .header(MISSING_HEADER, missing)
                .header("Content-Disposition", "attachment; filename=\"" + id + "-results.jsonl\"")
                .build();
    }

    private BatchStore.Batch batch(String authorization, String id) {
        String tenant = callers.tenant(authorization);
        ApiException notFound = ApiException.notFound("no batch '" + PathIds.shown(id) + "' for this API key's tenant");
        if (!PathIds.couldExist(id)) {
            throw notFound;
        }
        return batches.findToRead(tenant, id).orElseThrow(() -> notFound);
    }
}
