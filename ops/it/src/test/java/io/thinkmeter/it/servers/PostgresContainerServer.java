package io.thinkmeter.it.servers;

import io.thinkmeter.ops.platform.Database;
import io.thinkmeter.storage.DatabaseLogin;
import io.thinkmeter.storage.DatabaseSetup;
import org.testcontainers.containers.Network;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The platform's PostgreSQL in {@code postgres:17}, set up at every start as the embedded one is
 * ({@link DatabaseSetup#ensure}: roles, database, migrations, the services' least-privilege login).
 */
final class PostgresContainerServer extends SupervisedContainer<PostgreSQLContainer> implements Database {

    static final String IMAGE = "postgres:17";
    private static final int PORT = 5432;
    private static final String SUPERUSER = "postgres";

    private final String superuserPassword;
    private final String ownerPassword;
    private final String servicePassword;

    PostgresContainerServer(Network network, int hostPort, String ownerPassword, String servicePassword) {
        this(network, hostPort, HexFormat.of().formatHex(new SecureRandom().generateSeed(16)), ownerPassword,
                servicePassword);
    }

    private PostgresContainerServer(Network network, int hostPort, String superuserPassword, String ownerPassword,
                                    String servicePassword) {
        super("postgres", new PostgreSQLContainer(IMAGE).withNetwork(network)
                .withUsername(SUPERUSER).withPassword(superuserPassword).withDatabaseName("postgres")
                // durable like the embedded server: Testcontainers' default command turns fsync off
                .withCommand("postgres"), hostPort, PORT);
        this.superuserPassword = superuserPassword;
        this.ownerPassword = ownerPassword;
        this.servicePassword = servicePassword;
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + hostPort + "/" + NAME;
    }

    @Override
    public DatabaseLogin superuser() {
        return new DatabaseLogin(SUPERUSER, superuserPassword);
    }

    @Override
    boolean answers() {
        try (Connection c = superuser().dataSource("jdbc:postgresql://localhost:" + hostPort + "/postgres")
                .getConnection()) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false; // still recovering from its write-ahead log, or not listening yet
        }
    }

    @Override
    void prepare() {
        DatabaseSetup.ensure(superuser(), jdbcUrl(), ownerPassword, servicePassword);
    }
}
