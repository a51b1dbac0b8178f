package io.thinkmeter.ops.platform;

import io.thinkmeter.testkit.PortsFile;

/**
 * Where the platform's two servers come from. {@link #embedded()}, the default and what the {@code thinkmeter}
 * command runs, starts them as child processes from the jars and binaries on the class path; the end-to-end
 * tests can hand in another kind (containers: ops/it's {@code ContainerServers}) and so keep that kind's
 * libraries out of the command's.
 *
 * <p>A server is only made here; the {@link Platform} starts it, supervises it (restarts it when it dies,
 * on the same address and data) and stops it. Both must be stoppable and startable again and
 * must keep their data across a kill and a start.
 */
public interface Servers extends AutoCloseable {

    /** The broker; its topics are created at each start ({@link io.thinkmeter.contracts.Topics#all()}). */
    KafkaBroker kafka(StackLayout layout, PortsFile ports);

    /** The database, with the owner's and the services' logins set to these passwords at each start. */
    Database postgres(StackLayout layout, PortsFile ports, String ownerPassword, String servicePassword);

    /** Releases what the kind shares between its servers (a container network), after both stopped. */
    @Override
    default void close() {}

    /** Child processes: a KRaft broker from the Kafka jars, PostgreSQL 17 from zonky's binaries. */
    static Servers embedded() {
        return EmbeddedServers.INSTANCE;
    }
}
