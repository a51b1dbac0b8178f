package io.thinkmeter.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.thinkmeter.storage.Budgets;

import java.math.BigDecimal;
import java.util.List;

/**
 * A tenant's budgets as the API shows them: null limits written out (null: no limit), each key by its id and
 * label, never its secret; with what each has spent so far in the current UTC day and month, as settled in
 * the ledger (requests still running are not in it yet).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BudgetView(String tenant, Long day, Long month, BigDecimal softThreshold, Spent spent,
                         List<Key> apiKeys) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Key(String keyId, String label, Long day, Long month, Spent spent) {}

    /** @param day e.g. 2026-11-28 @param month e.g. 2026-11 */
    public record Spent(String day, long dayTokens, String month, long monthTokens) {

        static Spent of(Budgets.Spending s, Budgets.Spent spent) {
            return new Spent(s.day().toString(), spent.day(), s.month().toString(), spent.month());
        }
    }

    static BudgetView of(Budgets.TenantBudgets b, Budgets.Spending spending) {
        return new BudgetView(b.tenant(), b.day(), b.month(), b.softThreshold(), Spent.of(spending, spending.tenant()),
                b.keys().stream().map(k -> new Key(k.keyId(), k.label(), k.day(), k.month(),
                        Spent.of(spending, spending.ofKey(k.keyId())))).toList());
    }
}
