package io.thinkmeter.ingest;

import io.thinkmeter.contracts.TenantViews;
import io.thinkmeter.storage.ApiKeys;
import io.thinkmeter.storage.Tenants;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.util.List;

/** {@code POST /v1/tenants}: the operator creates a tenant and its first API key. */
@Path("/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

    private final Callers callers;
    private final Tenants tenants;
    private final TenantsTopic tenantsTopic;
    private final ApiKeys apiKeys;
    private final HttpLimits http;

    public TenantResource(Callers callers, Tenants tenants, ApiKeys apiKeys, TenantsTopic tenantsTopic,
                          HttpLimits http) {
        this.tenantsTopic = tenantsTopic;
        this.http = http;
        this.callers = callers;
        this.tenants = tenants;
        this.apiKeys = apiKeys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam("X-Admin-Key") String adminKey, InputStream body) {
        callers.requireAdmin(adminKey);
        TenantForm form = TenantForm.parse(RequestBody.read(body, http.maxBodyBytes()).text());
        // an existing tenant is not silently renamed or re-quota'd by a create call
        if (tenants.find(form.id()).isPresent()) {
            throw new ApiException(409, "the tenant exists; nothing was changed",
                    List.of("id '" + form.id() + "' is taken"));
        }
        // Kafka first: the scheduler enforces the quota from the tenants topic. If the row below then
        // fails, a retry finds no tenant and publishes the same quota again (the topic is compacted).
        tenantsTopic.publishNew(form.id(), form.dailyTokenQuota());
        tenants.save(new Tenants.Tenant(form.id(), form.name(), form.dailyTokenQuota()));
        ApiKeys.CreatedKey key = apiKeys.create(form.id(), "created with the tenant");
        return Response.status(201)
                .entity(new TenantViews.Created(form.id(), form.name(), form.dailyTokenQuota(), key.id(), key.key()))
                .build();
    }
}
