package io.thinkmeter.testkit;

import java.nio.file.Path;

/**
 * The ports of an embedded broker, kept in its directory: a restarted broker must listen where its
 * clients (and its own KRaft quorum, which names the controller's address) expect it.
 *
 * @param client the PLAINTEXT listener clients connect to
 * @param controller the KRaft controller listener
 */
record BrokerPorts(int client, int controller) {

    static final String FILE = "ports.properties";

    /** The ports recorded in {@code dir}, or two free ones, recorded there for the next start. */
    static BrokerPorts inDirectory(Path dir) {
        PortsFile ports = PortsFile.open(dir.resolve(FILE));
        return new BrokerPorts(ports.port("client"), ports.port("controller"));
    }
}
