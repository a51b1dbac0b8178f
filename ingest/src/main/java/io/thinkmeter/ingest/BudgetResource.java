package io.thinkmeter.ingest;

import io.thinkmeter.storage.Budgets;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** {@code GET /v1/budgets}: a tenant's own budgets, and its keys', with what each has spent so far. */
@Path("/v1/budgets")
@Produces(MediaType.APPLICATION_JSON)
public class BudgetResource {

    private final Callers callers;
    private final Budgets budgets;

    public BudgetResource(Callers callers, Budgets budgets) {
        this.callers = callers;
        this.budgets = budgets;
    }

    @GET
    public BudgetView get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String tenant = callers.tenant(authorization);
        // the key was just found, so its tenant exists
        Budgets.TenantBudgets mine = budgets.of(tenant).orElseThrow();
        return BudgetView.of(mine, budgets.spending(tenant, LocalDate.now(ZoneOffset.UTC)));
    }
}
