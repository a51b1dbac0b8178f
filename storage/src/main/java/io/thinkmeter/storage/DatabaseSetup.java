package io.thinkmeter.storage;

import io.thinkmeter.migrations.Migrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Least privilege for the platform's own database, set up by a superuser once (and again, harmlessly,
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

    /**
     * Tables, views and functions of the schema that another role owns become the owner's (sequences
     * follow their tables): a database made by someone else (a container's POSTGRES_DB) or migrated as a
     * superuser by an older version is brought under the same rule.
     */
    private static final String HAND_TO_OWNER = """
            DO $$
            DECLARE r record;
            BEGIN
                ALTER SCHEMA public OWNER TO thinkmeter_owner;
                FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
                           AND pg_get_userbyid(c.relowner) <> 'thinkmeter_owner' LOOP
                    EXECUTE format('ALTER %s public.%I OWNER TO thinkmeter_owner',
                                   CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                                   r.relname);
                END LOOP;
                FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                         WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> 'thinkmeter_owner' LOOP
                    EXECUTE format('ALTER FUNCTION %s OWNER TO thinkmeter_owner', r.f);
                END LOOP;
            END
            $$
            """;

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private DatabaseSetup() {}

    /**
     * Creates the roles and the database when absent (passwords set to the given ones either way), hands
     * the database and everything in its schema to the owner, then migrates it as its owner.
     *
     * @param superuser a superuser's login on the server
     * @param jdbcUrlOfDatabase {@code jdbc:postgresql://host:port/DATABASE}, nothing after the name
     */
    public static void ensure(DatabaseLogin superuser, String jdbcUrlOfDatabase, String ownerPassword,
                              String servicePassword) {
        int slash = jdbcUrlOfDatabase.lastIndexOf('/');
        String database = jdbcUrlOfDatabase.substring(slash + 1);
        requireDatabaseName(database);
        String serverUrl = jdbcUrlOfDatabase.substring(0, slash) + "/postgres";
        try (Connection c = superuser.dataSource(serverUrl).getConnection(); Statement s = c.createStatement()) {
            role(c, s, SERVICE_ROLE, null);
            role(c, s, AUDITOR_ROLE, null);
            role(c, s, OWNER, ownerPassword);
            role(c, s, SERVICE_LOGIN, servicePassword);
            s.execute("GRANT " + SERVICE_ROLE + " TO " + SERVICE_LOGIN);
            // the name was checked above: an identifier, safe to splice
            if (exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                s.execute("ALTER DATABASE " + database + " OWNER TO " + OWNER);
            } else {
                s.execute("CREATE DATABASE " + database + " OWNER " + OWNER);
            }
        } catch (SQLException e) {
            throw new StorageException("could not set up the roles and database " + database, e);
        }
        try (Connection c = superuser.dataSource(jdbcUrlOfDatabase).getConnection(); Statement s = c.createStatement()) {
            s.execute(HAND_TO_OWNER);
        } catch (SQLException e) {
            throw new StorageException("could not hand the objects of database " + database + " to " + OWNER, e);
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

    static void requireDatabaseName(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must be 1 to 63 lower-case letters, digits or '_', "
                    + "not starting with a digit; was " + (name == null ? "absent" : "'" + name + "'"));
        }
    }
}
