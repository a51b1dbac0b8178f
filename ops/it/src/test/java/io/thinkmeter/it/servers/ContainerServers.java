package io.thinkmeter.it.servers;

import io.thinkmeter.ops.platform.Database;
import io.thinkmeter.ops.platform.KafkaBroker;
import io.thinkmeter.ops.platform.Servers;
import io.thinkmeter.ops.platform.StackLayout;
import io.thinkmeter.testkit.PortsFile;
import org.testcontainers.containers.Network;

/**
 * The platform's Kafka and PostgreSQL as Testcontainers' {@code KafkaContainer} and {@code PostgreSQLContainer}
 * ({@value KafkaContainerServer#IMAGE}, {@value PostgresContainerServer#IMAGE}, the official images). The
 * services still run on the host, and reach the servers on fixed ports of localhost.
 *
 * <p>Both containers share a network of their own: ports of a container on the default bridge are not
 * published on a daemon started without one (the build machines'), and on any daemon a network of its own
 * is what {@link #close()} can remove whole.
 */
public final class ContainerServers implements Servers {

    private final Network network = Network.newNetwork();

    @Override
    public KafkaBroker kafka(StackLayout layout, PortsFile ports) {
        return new KafkaContainerServer(network, ports.port("kafka"));
    }

    @Override
    public Database postgres(StackLayout layout, PortsFile ports, String ownerPassword, String servicePassword) {
        return new PostgresContainerServer(network, ports.port("postgres"), ownerPassword, servicePassword);
    }

    /** Removes the network once the platform stopped (and so removed) both containers. */
    @Override
    public void close() {
        network.close();
    }

    @Override
    public String toString() {
        return "containers";
    }
}
