package io.thinkmeter.ingest;

import io.thinkmeter.contracts.ProblemRequest;
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

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** {@code /v1/problems}: submit one problem (optionally waiting for its result) and look it up. */
@Path("/v1/problems")
@Produces(MediaType.APPLICATION_JSON)
public class ProblemResource {

    private final Callers callers;
    private final Intake intake;
    private final ResultWaiter waiter;
    private final ProblemLookup lookup;
    private final RecentlyAccepted recent;
    private final IngestConfig config;

    public ProblemResource(Callers callers, Intake intake, ResultWaiter waiter, ProblemLookup lookup,
                           RecentlyAccepted recent, IngestConfig config) {
        this.callers = callers;
        this.intake = intake;
        this.waiter = waiter;
        this.lookup = lookup;
        this.recent = recent;
        this.config = config;
    }

    /** 202 submitted; with wait=true, 200 with the outcome or 202 pending when the timeout ran out. */
    @POST
    public Response submit(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @QueryParam("wait") String wait, @QueryParam("timeout") String timeout, String body) {
        String tenant = callers.tenant(authorization);
        // read before publishing: a bad timeout must not leave an accepted request behind a 400
        Optional<Duration> waitFor = WaitParams.parse(wait, timeout, config.maxWait());
        ProblemRequest request = intake.submitOne(body, tenant);
        ProblemView view = waitFor.map(t -> waiter.await(tenant, request.id(), t))
                .orElseGet(() -> ProblemView.submitted(request.id()));
        return Response.status(view.isFinal() ? 200 : 202)
                .location(URI.create("/v1/problems/" + request.id()))
                .entity(view)
                .build();
    }

    @GET
    @Path("{id}")
    public ProblemView get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        String tenant = callers.tenant(authorization);
        return lookup.find(tenant, id)
                .or(() -> recent.contains(id, tenant) ? Optional.of(ProblemView.submitted(id)) : Optional.empty())
                .orElseThrow(() -> ApiException.notFound("no problem '" + id + "' for this API key's tenant"));
    }
}
