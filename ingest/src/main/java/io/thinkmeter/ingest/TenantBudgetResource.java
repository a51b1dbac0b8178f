package io.thinkmeter.ingest;

import io.thinkmeter.storage.Budgets;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * {@code /v1/tenants/{id}/budgets}: the operator reads and sets a tenant's token budgets and its API keys'.
 * Every change is saved and published whole on the tenants topic, together, or not at all.
 */
@Path("/v1/tenants/{tenant}")
@Produces(MediaType.APPLICATION_JSON)
public class TenantBudgetResource {

    private final Callers callers;
    private final Budgets budgets;
    private final TenantsTopic tenantsTopic;
    private final HttpLimits http;

    public TenantBudgetResource(Callers callers, Budgets budgets, TenantsTopic tenantsTopic, HttpLimits http) {
        this.callers = callers;
        this.budgets = budgets;
        this.tenantsTopic = tenantsTopic;
        this.http = http;
    }

    @GET
    @Path("budgets")
    public BudgetView get(@HeaderParam(Callers.ADMIN_KEY_HEADER) String adminKey, @PathParam("tenant") String tenant) {
        callers.requireAdmin(adminKey);
        return view(storable(tenant).flatMap(budgets::of).orElseThrow(() -> noTenant(tenant)));
    }

    @PUT
    @Path("budgets")
    @Consumes(MediaType.APPLICATION_JSON)
    public BudgetView setTenant(@HeaderParam(Callers.ADMIN_KEY_HEADER) String adminKey,
                                @PathParam("tenant") String tenant, InputStream body) {
        callers.requireAdmin(adminKey);
        BudgetForm form = BudgetForm.forTenant(RequestBody.read(body, http.maxBodyBytes()).text());
        return view(storable(tenant)
                .flatMap(t -> budgets.setTenant(t, form.day(), form.month(), form.softThreshold(), tenantsTopic::publish))
                .orElseThrow(() -> noTenant(tenant)));
    }

    @PUT
    @Path("api-keys/{key}/budgets")
    @Consumes(MediaType.APPLICATION_JSON)
    public BudgetView setKey(@HeaderParam(Callers.ADMIN_KEY_HEADER) String adminKey,
                             @PathParam("tenant") String tenant, @PathParam("key") String key, InputStream body) {
        callers.requireAdmin(adminKey);
        BudgetForm form = BudgetForm.forKey(RequestBody.read(body, http.maxBodyBytes()).text());
        // told apart for the caller: no such tenant, or no such key of it
        if (storable(tenant).flatMap(budgets::of).isEmpty()) {
            throw noTenant(tenant);
        }
        return view(storable(key)
                .flatMap(k -> budgets.setKey(tenant, k, form.day(), form.month(), tenantsTopic::publish))
                .orElseThrow(() -> ApiException.notFound("tenant '" + tenant + "' has no API key '" + PathIds.shown(key)
                        + "' (or it is revoked)")));
    }

    private BudgetView view(Budgets.TenantBudgets saved) {
        return BudgetView.of(saved, budgets.spending(saved.tenant(), LocalDate.now(ZoneOffset.UTC)));
    }

    /** The path's id when it could be a stored one: PostgreSQL is not asked about ids it could not hold. */
    private static Optional<String> storable(String id) {
        return PathIds.couldExist(id) ? Optional.of(id) : Optional.empty();
    }

    private static ApiException noTenant(String tenant) {
        return ApiException.notFound("no tenant '" + PathIds.shown(tenant) + "'");
    }
}
