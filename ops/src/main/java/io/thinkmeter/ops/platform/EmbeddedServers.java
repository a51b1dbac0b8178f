package io.thinkmeter.ops.platform;

import io.thinkmeter.testkit.PortsFile;

/** The platform's servers as child processes, with their data in the platform's directory. */
final class EmbeddedServers implements Servers {

    static final EmbeddedServers INSTANCE = new EmbeddedServers();

    private EmbeddedServers() {}

    @Override
    public KafkaBroker kafka(StackLayout layout, PortsFile ports) {
        return new KafkaServer(layout.kafka());
    }

    @Override
    public Database postgres(StackLayout layout, PortsFile ports, String ownerPassword, String servicePassword) {
        return new PostgresServer(layout.postgres(), ports.port("postgres"), ownerPassword, servicePassword);
    }

    @Override
    public String toString() {
        return "embedded";
    }
}
