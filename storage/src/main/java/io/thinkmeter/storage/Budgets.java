package io.thinkmeter.storage;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A tenant's token budgets: its own per UTC day and month (with the soft threshold its spend alerts use) and
 * each of its API keys'. Read whole, because the scheduler is told them whole. A change is saved and handed to
 * {@code publish} in one transaction, with the tenant's row locked: what is published is what was saved, and two
 * changes at once publish in the order they saved, so the last one published holds both.
 */
public final class Budgets {

    /** One API key's budgets. @param day tokens per UTC day, null: no limit @param month per calendar month */
    public record KeyBudget(String keyId, String label, Long day, Long month) {}

    /**
     * A tenant's budgets, every non-revoked key's among them.
     *
     * @param softThreshold share of a limit (0 to 1, exclusive) that raises a spend alert; null: the scheduler's
     */
    public record TenantBudgets(String tenant, Long day, Long month, BigDecimal softThreshold, List<KeyBudget> keys) {
        public TenantBudgets {
            keys = List.copyOf(keys);
        }
    }

    /** Tokens charged in a UTC day and in its calendar month. */
    public record Spent(long day, long month) {}

    /**
     * What a tenant has spent so far in a day and its month, as settled in the ledger (reservations of requests
     * still running are not in it), by the budget day each row was charged to.
     *
     * @param byKey per API key id; keys that spent nothing are absent
     */
    public record Spending(LocalDate day, YearMonth month, Spent tenant, Map<String, Spent> byKey) {
        public Spending {
            byKey = Map.copyOf(byKey);
        }

        public Spent ofKey(String keyId) {
            return byKey.getOrDefault(keyId, new Spent(0, 0));
        }
    }

    private final DataSource dataSource;

    public Budgets(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return empty when there is no such tenant */
    public Optional<TenantBudgets> of(String tenant) {
        return Transactions.inTransaction(dataSource, "read the budgets of tenant " + tenant,
                c -> read(c, tenant, false));
    }

    /** The tenant's settled spend in {@code day} (UTC) and its month, in all and per API key. */
    public Spending spending(String tenant, LocalDate day) {
        YearMonth month = YearMonth.from(day);
        return Transactions.inTransaction(dataSource, "read the spend of tenant " + tenant, c -> {
            // rows from before V12 have no budget_day: their day (when they finished) stands in for it
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT api_key_id,
                           coalesce(sum(prompt_tokens::bigint + generated_tokens)
                                    FILTER (WHERE coalesce(budget_day, day) = ?), 0),
                           sum(prompt_tokens::bigint + generated_tokens)
                    FROM token_ledger
                    WHERE tenant_id = ? AND coalesce(budget_day, day) >= ? AND coalesce(budget_day, day) < ?
                    GROUP BY api_key_id
                    """)) {
                ps.setObject(1, day);
                ps.setString(2, tenant);
                ps.setObject(3, month.atDay(1));
                ps.setObject(4, month.plusMonths(1).atDay(1));
                long dayTotal = 0;
                long monthTotal = 0;
                Map<String, Spent> byKey = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Spent spent = new Spent(rs.getLong(2), rs.getLong(3));
                        dayTotal += spent.day();
                        monthTotal += spent.month();
                        if (rs.getString(1) != null) {
                            byKey.put(rs.getString(1), spent);
                        }
                    }
                }
                return new Spending(day, month, new Spent(dayTotal, monthTotal), byKey);
            }
        });
    }

    /**
     * Sets the tenant's own budgets (each null: no limit), then hands the whole of its budgets to {@code publish}
     * before committing; a failure there rolls the change back.
     *
     * @return the budgets as saved and published; empty when there is no such tenant (nothing published)
     */
    public Optional<TenantBudgets> setTenant(String tenant, Long day, Long month, BigDecimal softThreshold,
                                             Consumer<TenantBudgets> publish) {
        requireLimits(day, month, "tenant " + tenant);
        if (softThreshold != null && (softThreshold.signum() <= 0 || softThreshold.compareTo(BigDecimal.ONE) >= 0)) {
            throw new IllegalArgumentException("tenant " + tenant + ": soft threshold must be above 0 and below 1, was "
                    + softThreshold);
        }
        return change(tenant, "set the budgets of tenant " + tenant, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE tenants SET daily_token_quota = ?, monthly_token_quota = ?, soft_threshold = ? WHERE id = ?
                    """)) {
                Sql.setLong(ps, 1, day);
                Sql.setLong(ps, 2, month);
                ps.setObject(3, softThreshold, Types.NUMERIC);
                ps.setString(4, tenant);
                return ps.executeUpdate() == 1;
            }
        }, publish);
    }

    /**
     * Sets one API key's budgets (each null: no limit), then publishes as {@link #setTenant} does.
     *
     * @return empty when the tenant has no such key, or the key is revoked (nothing published)
     */
    public Optional<TenantBudgets> setKey(String tenant, String keyId, Long day, Long month,
                                          Consumer<TenantBudgets> publish) {
        requireLimits(day, month, "API key " + keyId);
        return change(tenant, "set the budgets of API key " + keyId, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE api_keys SET daily_token_quota = ?, monthly_token_quota = ?
                    WHERE id = ? AND tenant_id = ? AND revoked_at IS NULL
                    """)) {
                Sql.setLong(ps, 1, day);
                Sql.setLong(ps, 2, month);
                ps.setString(3, keyId);
                ps.setString(4, tenant);
                return ps.executeUpdate() == 1;
            }
        }, publish);
    }

    @FunctionalInterface
    private interface Update {
        boolean apply(Connection c) throws SQLException;
    }

    private Optional<TenantBudgets> change(String tenant, String what, Update update, Consumer<TenantBudgets> publish) {
        return Transactions.inTransaction(dataSource, what, c -> {
            if (read(c, tenant, true).isEmpty() || !update.apply(c)) {
                return Optional.<TenantBudgets>empty();
            }
            TenantBudgets saved = read(c, tenant, false).orElseThrow();
            publish.accept(saved);
            return Optional.of(saved);
        });
    }

    private static void requireLimits(Long day, Long month, String of) {
        if ((day != null && day < 0) || (month != null && month < 0)) {
            throw new IllegalArgumentException(of + ": a budget must be 0 or more (null for no limit), was day "
                    + day + ", month " + month);
        }
    }

    /** @param lock whether to hold the tenant's row until the transaction ends, so changes to it queue */
    private static Optional<TenantBudgets> read(Connection c, String tenant, boolean lock) throws SQLException {
        Long day;
        Long month;
        BigDecimal threshold;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT daily_token_quota, monthly_token_quota, soft_threshold FROM tenants WHERE id = ?
                """ + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                day = rs.getObject(1, Long.class);
                month = rs.getObject(2, Long.class);
                threshold = rs.getBigDecimal(3);
            }
        }
        List<KeyBudget> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, label, daily_token_quota, monthly_token_quota FROM api_keys
                WHERE tenant_id = ? AND revoked_at IS NULL ORDER BY created_at, id
                """)) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new KeyBudget(rs.getString(1), rs.getString(2), rs.getObject(3, Long.class),
                            rs.getObject(4, Long.class)));
                }
            }
        }
        return Optional.of(new TenantBudgets(tenant, day, month, threshold, keys));
    }
}
