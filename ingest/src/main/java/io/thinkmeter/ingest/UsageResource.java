package io.thinkmeter.ingest;

import io.thinkmeter.storage.Usage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;

/**
 * {@code GET /v1/usage}: spend from the ledger by time bucket and group. An API key sees its own tenant's
 * spend only; the operator (X-Admin-Key) sees every tenant's, may group by tenant and filter one.
 */
@Path("/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    private final Callers callers;
    private final Usage usage;

    public UsageResource(Callers callers, Usage usage) {
        this.callers = callers;
        this.usage = usage;
    }

    @GET
    public UsagePage get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(Callers.ADMIN_KEY_HEADER) String adminKey,
                         @QueryParam("start") String start, @QueryParam("end") String end,
                         @QueryParam("bucket") String bucket, @QueryParam("group_by") String groupBy,
                         @QueryParam("tenant") String tenant) {
        boolean operator = adminKey != null;
        String callerTenant = null;
        if (operator) {
            callers.requireAdmin(adminKey);
        } else {
            callerTenant = callers.tenant(authorization);
        }
        Usage.Query query = UsageParams.parse(start, end, bucket, groupBy, tenant, operator, callerTenant,
                Instant.now());
        return UsagePage.of(query, usage.query(query));
    }
}
