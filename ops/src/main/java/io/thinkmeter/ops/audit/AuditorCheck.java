package io.thinkmeter.ops.audit;

import io.thinkmeter.ops.platform.Platform;
import io.thinkmeter.storage.AuditReport;
import io.thinkmeter.storage.DatabaseLogin;
import io.thinkmeter.storage.LedgerAudit;
import io.thinkmeter.storage.StorageException;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;

/**
 * {@code audit verify} on a platform this process started (the demo's): a login that is only a member of
 * thinkmeter_auditor is created with a random password, and the ledger is verified with its rights alone.
 */
public final class AuditorCheck {

    static final String LOGIN = "thinkmeter_demo_auditor";

    private AuditorCheck() {}

    public static AuditReport verify(Platform platform, Duration kafkaPatience) {
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        try (Connection c = platform.database().getConnection(); Statement s = c.createStatement()) {
            // a role name and a hex password: nothing here comes from outside
            s.execute("DROP ROLE IF EXISTS " + LOGIN);
            s.execute("CREATE ROLE " + LOGIN + " LOGIN PASSWORD '" + password + "'");
            s.execute("GRANT thinkmeter_auditor TO " + LOGIN);
        } catch (SQLException e) {
            throw new StorageException("cannot create the auditor's login " + LOGIN + ": " + e.getMessage(), e);
        }
        try (ResultsTopic topic = new ResultsTopic(platform.bootstrapServers(), kafkaPatience)) {
            return new LedgerAudit(new DatabaseLogin(LOGIN, password).dataSource(platform.jdbcUrl())).verify(topic, topic);
        }
    }
}
