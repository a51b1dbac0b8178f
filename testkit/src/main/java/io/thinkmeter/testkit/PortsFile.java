package io.thinkmeter.testkit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Ports kept in a file, by name: a server or service restarted on its data directory must listen where
 * its clients (and, for Kafka, its own KRaft quorum) expect it. The first request for a name picks a
 * free loopback port and records it.
 */
public final class PortsFile {

    private final Path file;
    private final Properties ports = new Properties();

    private PortsFile(Path file) {
        this.file = file;
    }

    public static synchronized PortsFile open(Path file) {
        PortsFile p = new PortsFile(file);
        try {
            if (Files.isRegularFile(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    p.ports.load(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ports file " + file, e);
        }
        return p;
    }

    /** The port recorded under {@code name}, or a free one, recorded now. */
    public synchronized int port(String name) {
        String kept = ports.getProperty(name);
        if (kept != null) {
            return Integer.parseInt(kept.trim());
        }
        int port = ChildJvm.freePort();
        ports.setProperty(name, Integer.toString(port));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                ports.store(out, "ports chosen on first start: a restart listens on the same ones");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ports file " + file, e);
        }
        return port;
    }
}
