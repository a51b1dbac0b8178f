package io.thinkmeter.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.contracts.TenantViews;
import io.thinkmeter.storage.ApiKeys;
import io.thinkmeter.storage.Tenants;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /v1/tenants/{id}/api-keys}: the operator gives a tenant more API keys (one per team or job, each
 * with budgets of its own and its spend attributed to it) and revokes them. A key is shown once.
 */
@Path("/v1/tenants/{tenant}/api-keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    private static final Set<String> FIELDS = Set.of("label");
    static final int MAX_LABEL_CHARS = 256;

    private final Callers callers;
    private final Tenants tenants;
    private final ApiKeys apiKeys;
    private final HttpLimits http;

    public ApiKeyResource(Callers callers, Tenants tenants, ApiKeys apiKeys, HttpLimits http) {
        this.callers = callers;
        this.tenants = tenants;
        this.apiKeys = apiKeys;
        this.http = http;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(Callers.ADMIN_KEY_HEADER) String adminKey, @PathParam("tenant") String tenant,
                           InputStream body) {
        callers.requireAdmin(adminKey);
        String label = label(RequestBody.read(body, http.maxBodyBytes()).text());
        if (!PathIds.couldExist(tenant) || tenants.find(tenant).isEmpty()) {
            throw ApiException.notFound("no tenant '" + PathIds.shown(tenant) + "'");
        }
        ApiKeys.CreatedKey key = apiKeys.create(tenant, label);
        return Response.status(201).entity(new TenantViews.KeyCreated(key.id(), tenant, label, key.key())).build();
    }

    @DELETE
    @Path("{key}")
    public Response revoke(@HeaderParam(Callers.ADMIN_KEY_HEADER) String adminKey, @PathParam("tenant") String tenant,
                           @PathParam("key") String key) {
        callers.requireAdmin(adminKey);
        if (!PathIds.couldExist(tenant) || !PathIds.couldExist(key) || !apiKeys.revoke(tenant, key)) {
            throw ApiException.notFound("tenant '" + PathIds.shown(tenant) + "' has no API key '" + PathIds.shown(key)
                    + "' (or it is revoked already)");
        }
        return Response.noContent().build();
    }

    /** The optional label of an optional body; @throws ApiException 400 listing every problem */
    private static String label(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        ObjectNode json = JsonText.object(body, problems);
        if (json == null) {
            throw ApiException.badRequest("the body is not an API key", problems.stream().map(p -> "body: " + p).toList());
        }
        FieldReader f = new FieldReader(json, "", problems);
        f.rejectUnknown(FIELDS, "label");
        String label = f.text("label");
        if (label != null && label.length() > MAX_LABEL_CHARS) {
            problems.add("label must be at most " + MAX_LABEL_CHARS + " characters, was " + label.length());
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("the API key is invalid; nothing was created", problems);
        }
        return label;
    }
}
