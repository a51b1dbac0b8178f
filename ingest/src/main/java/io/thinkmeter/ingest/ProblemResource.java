package io.thinkmeter.ingest;

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

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code /v1/problems}: submit one problem (optionally waiting for its result) and look it up. */
@Path("/v1/problems")
@Produces(MediaType.APPLICATION_JSON)
public class ProblemResource {

    /** Set on the reply to a resubmission: this is the problem accepted before, nothing new was published. */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final Callers callers;
    private final Intake intake;
    private final ResultWaiter waiter;
    private final ProblemLookup lookup;
    private final RecentlyAccepted recent;
    private final HttpLimits http;
    private final IngestConfig config;

    public ProblemResource(Callers callers, Intake intake, ResultWaiter waiter, ProblemLookup lookup,
                           RecentlyAccepted recent, HttpLimits http, IngestConfig config) {
        this.callers = callers;
        this.intake = intake;
        this.waiter = waiter;
        this.lookup = lookup;
        this.recent = recent;
        this.http = http;
        this.config = config;
    }

    /**
     * 202 submitted; with wait=true, 200 with the outcome or 202 pending when the timeout ran out. A
     * resubmission under the same Idempotency-Key is answered as the problem stands.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
                           @QueryParam("wait") String wait, @QueryParam("timeout") String timeout, InputStream body) {
        ApiKeys.KeyOwner caller = callers.caller(authorization);
        String tenant = caller.tenantId();
        IdempotencyKey key = IdempotencyKey.parse(idempotencyKey);
        // read before publishing: a bad timeout must not leave an accepted request behind a 400
        Optional<Duration> waitFor = WaitParams.parse(wait, timeout, config.maxWait());
        Intake.ProblemAccepted accepted = intake.submitOne(RequestBody.read(body, http.maxBodyBytes()), caller, key);
        String id = accepted.id();
        ProblemView view = waitFor.map(t -> waiter.await(tenant, id, t))
                .orElseGet(() -> accepted.replayed() ? current(tenant, id) : ProblemView.submitted(id));
        Response.ResponseBuilder response = (waitFor.isPresent() && view.overBudget() ? overBudget(view, key)
                : Response.status(view.isFinal() ? 200 : 202).entity(view.withIdempotencyKey(key.value())))
                .location(URI.create("/v1/problems/" + id))
                .header(IdempotencyKey.HEADER, key.value());
        if (accepted.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    /**
     * A caller who waited is told at once that a budget refused the problem, as HTTP's "too many
     * requests"; the same problem read back later is {@code rejected} with the reason, like any refusal.
     */
    private static Response.ResponseBuilder overBudget(ProblemView view, IdempotencyKey key) {
        return Response.status(429).entity(new ErrorBody("request " + view.id() + " was refused: it does not fit in "
                + "a token budget; nothing was run or charged", List.of(view.reason()), key.value(), null));
    }

    @GET
    @Path("{id}")
    public ProblemView get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        String tenant = callers.tenant(authorization);
        if (!PathIds.couldExist(id)) {
            throw notFound(id);
        }
        return lookup.find(tenant, id)
                .or(() -> recent.problem(id, tenant).map(f -> ProblemView.submitted(id)))
                .orElseThrow(() -> notFound(id));
    }

    /** The problem as a look-up sees it; one just accepted but not yet stored is submitted. */
    private ProblemView current(String tenant, String id) {
        return lookup.find(tenant, id).orElseGet(() -> ProblemView.submitted(id));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("no problem '" + PathIds.shown(id) + "' for this API key's tenant");
    }
}
