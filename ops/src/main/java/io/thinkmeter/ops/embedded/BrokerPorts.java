package io.thinkmeter.ops.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

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
    static BrokerPorts inDirectory(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            }
            return new BrokerPorts(Integer.parseInt(p.getProperty("client")),
                    Integer.parseInt(p.getProperty("controller")));
        }
        BrokerPorts ports = new BrokerPorts(ChildJvm.freePort(), ChildJvm.freePort());
        p.setProperty("client", Integer.toString(ports.client()));
        p.setProperty("controller", Integer.toString(ports.controller()));
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, "the embedded broker's ports: a restart listens on the same ones");
        }
        return ports;
    }
}
