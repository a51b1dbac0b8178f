package io.thinkmeter.workers.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Points the worker at the tiny model and at a local port nobody listens on: the service must start,
 * load its model and run its loop (which keeps retrying the connection) without any broker.
 */
public final class NoBrokerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:" + port,
                "thinkmeter.worker.model-dir", TinyModelPresent.directory().toAbsolutePath().toString(),
                "thinkmeter.worker.pool", "short",
                "thinkmeter.worker.id", "worker-test-short",
                "thinkmeter.worker.max-in-flight", "4",
                "thinkmeter.worker.drain-timeout", "20s"));
        // The service as docker-compose runs it: with the TLDR model beside the main one, when present.
        Path tldr = TinyModelPresent.directory().resolveSibling("tiny-reasoner-tldr");
        if (Files.isRegularFile(tldr.resolve("reasoner.json"))) {
            config.put("thinkmeter.worker.tldr-model-dir", tldr.toAbsolutePath().toString());
        }
        return config;
    }

    @Override
    public void stop() {}
}
