package io.thinkmeter.storage;

import io.thinkmeter.migrations.Migrations;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Least privilege for the platform's own database, set up by the superuser once (and again, harmlessly,
 * at every start of an embedded server):
 * <ul>
 *   <li>{@value #OWNER} (a login, not a superuser) owns the database, its schema and every table, and
 *       runs the migrations;</li>
 *   <li>the services log in as {@value #SERVICE_LOGIN}, a member of {@value #SERVICE_ROLE}, which migration
 *       V9 grants exactly the reads and writes the services make: no DELETE anywhere, no UPDATE or
 *       TRUNCATE of the ledger, no ownership, so no ALTER TABLE (no disabling the ledger's append-only
 *       trigger) and, not being a superuser, no {@code session_replication_role};</li>
 *   <li>{@value #AUDITOR_ROLE} reads the audit views only (migration V4).</li>
 * </ul>
 * The group roles are created here because the owner, rightly, may not create roles.
 */
public final class DatabaseSetup {

    public static final String OWNER = "thinkmeter_owner";
    public static final String SERVICE_LOGIN = "thinkmeter_app";
    public static final String SERVICE_ROLE = "thinkmeter_service";
    public static final String AUDITOR_ROLE = "thinkmeter_auditor";

    private DatabaseSetup() {}

    /**
     * Creates the roles and the database when absent (passwords set to the given ones either way), then
     * migrates the database as its owner.
     *
     * @param superuser a superuser connection to the server (any database)
     * @param jdbcUrlOfDatabase the JDBC URL of {@code database} on that server, for the owner's migration
     */
    public static void ensure(DataSource superuser, String database, String jdbcUrlOfDatabase, String ownerPassword,
                              String servicePassword) {
        EmbeddedPostgres.requireDatabaseName(database);
        try (Connection c = superuser.getConnection(); Statement s = c.createStatement()) {
            role(c, s, SERVICE_ROLE, null);
            role(c, s, AUDITOR_ROLE, null);
            role(c, s, OWNER, ownerPassword);
            role(c, s, SERVICE_LOGIN, servicePassword);
            s.execute("GRANT " + SERVICE_ROLE + " TO " + SERVICE_LOGIN);
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                // the name was checked above: an identifier, safe to splice
                s.execute("CREATE DATABASE " + database + " OWNER " + OWNER);
            }
        } catch (SQLException e) {
            throw new StorageException("could not set up the roles and database " + database, e);
        }
        Migrations.migrate(new DatabaseLogin(OWNER, ownerPassword).dataSource(jdbcUrlOfDatabase));
    }

    /** A role with a password is a login; without, a group role others are members of. */
    private static void role(Connection c, Statement s, String name, String password) throws SQLException {
        String login = password == null ? "NOLOGIN" : "LOGIN PASSWORD " + Sql.literal(password);
        if (exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
            if (password != null) {
                s.execute("ALTER ROLE " + name + " " + login);
            }
        } else {
            s.execute("CREATE ROLE " + name + " " + login + " NOSUPERUSER NOCREATEDB NOCREATEROLE");
        }
    }

    private static boolean exists(Connection c, String query, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
