package io.thinkmeter.ingest.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.thinkmeter.contracts.OverBudget;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.ingest.Callers;
import io.thinkmeter.ingest.HttpLimits;
import io.thinkmeter.ingest.IdempotencyKey;
import io.thinkmeter.ingest.IngestConfig;
import io.thinkmeter.ingest.Intake;
import io.thinkmeter.ingest.ProblemView;
import io.thinkmeter.ingest.RequestBody;
import io.thinkmeter.ingest.ResultWaiter;
import io.thinkmeter.storage.ApiKeys;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/chat/completions}: a chat completion through the same path as any problem (published to
 * Kafka, scheduled under the tenant's quota, run by a pool, stored with its ledger rows), then a bounded
 * wait ({@code thinkmeter.ingest.max-wait}) for every sample's result, answered as OpenAI's
 * {@code chat.completion} (or its chunks). Without an {@code Idempotency-Key} the key derives from the
 * body, so the SDKs' own retries (a wait that ran out is a retryable 503) wait on the same request.
 */
@Path("/v1/chat/completions")
public class ChatCompletionsResource {

    /** Stainless-built SDKs (OpenAI's official ones) obey it: a retry of this answer would only repeat it. */
    static final String SHOULD_RETRY = "x-should-retry";
    /** Seconds an SDK waits before it retries a wait that ran out; it then waits on the same request again. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final Callers callers;
    private final Intake intake;
    private final ResultWaiter waiter;
    private final HttpLimits http;
    private final IngestConfig config;
    private final ObjectMapper json;

    public ChatCompletionsResource(Callers callers, Intake intake, ResultWaiter waiter, HttpLimits http,
                                   IngestConfig config, ObjectMapper json) {
        this.callers = callers;
        this.intake = intake;
        this.waiter = waiter;
        this.http = http;
        this.config = config;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey, InputStream in) {
        ApiKeys.KeyOwner caller = callers.caller(authorization);
        String tenant = caller.tenantId();
        RequestBody body = RequestBody.read(in, http.maxBodyBytes());
        IdempotencyKey key = idempotencyKey == null ? IdempotencyKey.ofBody(body.bytes())
                : IdempotencyKey.parse(idempotencyKey);
        Intake.ChatTaken taken = intake.submitChat(body, caller, key);
        List<ProblemView> views = waiter.awaitAll(tenant, taken.ids(), config.maxWait());
        List<ProblemResult> results = new ArrayList<>(views.size());
        for (ProblemView view : views) {
            if (!view.isFinal()) {
                return stillRunning(taken);
            }
            if (ProblemView.REJECTED.equals(view.status())) {
                return rejected(view);
            }
            if (ProblemView.ERROR.equals(view.status())) {
                return failed(view);
            }
            results.add(view.result());
        }
        ProblemResult first = results.get(0);
        Instant created = first.timings() != null && first.timings().submittedAt() != null
                ? first.timings().submittedAt() : Instant.now();
        ChatCompletion completion = ChatCompletion.of(ChatCompletion.idOf(taken.id()), created, results);
        Response.ResponseBuilder response = taken.stream()
                ? Response.ok(ChatStream.events(completion, taken.includeUsage(), json), ChatStream.MEDIA_TYPE)
                        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                : Response.ok(completion, MediaType.APPLICATION_JSON_TYPE);
        return response.header(IdempotencyKey.HEADER, key.value()).build();
    }

    /** The wait ran out: the work goes on, and its id says where to find it; a retry waits on it again. */
    private static Response stillRunning(Intake.ChatTaken taken) {
        String id = taken.id();
        return error(503, "the completion did not finish within the wait; it goes on running as request " + id
                + (taken.ids().size() > 1 ? " (and its other " + (taken.ids().size() - 1) + " samples)" : "")
                + ": send the same request again (the same body, or the same Idempotency-Key '" + taken.key().value()
                + "') to wait for it again without running it twice, or read GET /v1/problems/" + id, null, "timeout")
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .header(IdempotencyKey.HEADER, taken.key().value())
                .location(URI.create("/v1/problems/" + id))
                .build();
    }

    /** The scheduler refused it: over a budget (the tenant's or the key's) is OpenAI's 429, any other reason a 400. */
    private static Response rejected(ProblemView view) {
        return error(OverBudget.is(view.reason()) ? 429 : 400, "request " + view.id() + " was rejected: " + view.reason(), null, null)
                .header(SHOULD_RETRY, "false")
                .build();
    }

    /** The model failed on it; running it again under the same key answers the same. */
    private static Response failed(ProblemView view) {
        return error(500, "the model failed on request " + view.id() + ": " + view.result().error(), null, null)
                .header(SHOULD_RETRY, "false")
                .build();
    }

    private static Response.ResponseBuilder error(int status, String message, String param, String code) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(OpenAiError.of(status, message, param, code));
    }
}
