package io.thinkmeter.storage;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.Optional;

/** Who pays for tokens, and how many each may spend a day. */
public final class Tenants {

    /** @param dailyTokenQuota null: no daily limit */
    public record Tenant(String id, String name, Long dailyTokenQuota) {}

    private final DataSource dataSource;

    public Tenants(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the tenant, or updates its name and quota when the id exists. */
    public void save(Tenant tenant) {
        Sql.requireText(tenant.id(), "id", "a tenant");
        Sql.requireText(tenant.name(), "name", "tenant " + tenant.id());
        if (tenant.dailyTokenQuota() != null && tenant.dailyTokenQuota() < 0) {
            throw new IllegalArgumentException("tenant " + tenant.id() + " has a negative daily token quota ("
                    + tenant.dailyTokenQuota() + "); leave it null for no limit");
        }
        Transactions.inTransaction(dataSource, "save tenant " + tenant.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO tenants (id, name, daily_token_quota) VALUES (?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, daily_token_quota = excluded.daily_token_quota
                    """)) {
                ps.setString(1, tenant.id());
                ps.setString(2, tenant.name());
                ps.setObject(3, tenant.dailyTokenQuota(), Types.BIGINT);
                return ps.executeUpdate();
            }
        });
    }

    public Optional<Tenant> find(String id) {
        return Transactions.inTransaction(dataSource, "read tenant " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, daily_token_quota FROM tenants WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Tenant(rs.getString(1), rs.getString(2), rs.getObject(3, Long.class)))
                            : Optional.empty();
                }
            }
        });
    }
}
