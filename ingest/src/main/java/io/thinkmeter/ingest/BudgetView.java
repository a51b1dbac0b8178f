package io.thinkmeter.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.thinkmeter.storage.Budgets;

import java.math.BigDecimal;
import java.util.List;

/**
 * A tenant's budgets as the API shows them: null limits written out (null: no limit), each key by its id and
 * label, never its secret.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BudgetView(String tenant, Long day, Long month, BigDecimal softThreshold, List<Key> apiKeys) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Key(String keyId, String label, Long day, Long month) {}

    static BudgetView of(Budgets.TenantBudgets b) {
        return new BudgetView(b.tenant(), b.day(), b.month(), b.softThreshold(),
                b.keys().stream().map(k -> new Key(k.keyId(), k.label(), k.day(), k.month())).toList());
    }
}
