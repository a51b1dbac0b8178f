package io.thinkmeter.it.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thinkmeter.ops.platform.Database;
import io.thinkmeter.ops.platform.KafkaBroker;
import io.thinkmeter.ops.platform.Servers;
import io.thinkmeter.ops.platform.StackLayout;
import io.thinkmeter.ops.platform.Supervised;
import io.thinkmeter.storage.DatabaseLogin;
import io.thinkmeter.storage.DatabaseSetup;
import io.thinkmeter.testkit.BrokerAdmin;
import io.thinkmeter.testkit.PortsFile;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What ChaosIT needs of the containers, alone and fast: a kill is a real SIGKILL (the supervisor sees it
 * dead), and a start brings the same container back on the same address with its data. Runs when
 * {@link ServersMode} picks containers; skipped, saying so, otherwise.
 */
class ContainerServersIT {

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aKilledServerShouldComeBackOnItsAddressWithItsData(@TempDir Path dir) throws Exception {
        Servers servers = ServersMode.choose();
        assumeTrue(servers instanceof ContainerServers, "containers not chosen (see the 'servers:' line)");
        StackLayout layout = new StackLayout(dir);
        PortsFile ports = PortsFile.open(layout.ports());
        try (servers) {
            KafkaBroker kafka = servers.kafka(layout, ports);
            Database db = servers.postgres(layout, ports, "owner-secret", "service-secret");
            try {
                kafka.start();
                db.start();
                BrokerAdmin.createTopics(kafka.bootstrapServers(), List.of("kept"), 1);
                try (Connection c = db.superuser().dataSource(db.jdbcUrl()).getConnection();
                     Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE kept (x int)");
                    s.execute("INSERT INTO kept VALUES (42)");
                }
                String bootstrap = kafka.bootstrapServers();
                String jdbcUrl = db.jdbcUrl();

                for (Supervised server : List.of(kafka, db)) {
                    server.kill();
                    awaitDeath(server);
                    assertTrue(server.exit().contains("137"), server.name() + " was SIGKILLed: " + server.exit());
                    server.start();
                    assertTrue(server.isAlive(), server.name());
                }

                assertEquals(bootstrap, kafka.bootstrapServers());
                assertEquals(jdbcUrl, db.jdbcUrl());
                try (Admin admin = BrokerAdmin.admin(kafka.bootstrapServers())) {
                    assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("kept"));
                }
                try (Connection c = new DatabaseLogin(DatabaseSetup.SERVICE_LOGIN, "service-secret")
                        .dataSource(db.jdbcUrl()).getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*) FROM results")) {
                    assertTrue(rs.next(), "the services' login reads the migrated schema");
                }
                try (Connection c = db.superuser().dataSource(db.jdbcUrl()).getConnection();
                     Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT x FROM kept")) {
                    assertTrue(rs.next());
                    assertEquals(42, rs.getInt(1), "the row written before the kill");
                }
            } finally {
                db.stop();
                kafka.stop();
            }
        }
    }

    private static void awaitDeath(Supervised server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.isAlive()) {
            assertTrue(System.nanoTime() < deadline, server.name() + " still runs after a kill");
            Thread.sleep(100);
        }
    }
}
