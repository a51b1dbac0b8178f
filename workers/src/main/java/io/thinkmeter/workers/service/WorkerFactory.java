package io.thinkmeter.workers.service;

import io.thinkmeter.contracts.Pool;
import io.thinkmeter.engine.StopTemperatureTable;
import io.thinkmeter.engine.ReasonerModel;
import io.thinkmeter.engine.runtime.RuntimeOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;

/**
 * How a pool's worker is put together, the one way every start of it uses (the worker service, the
 * tests): its models opened from their directories, its Kafka clients with {@link WorkerClients}'
 * settings, and the loop given both.
 */
public final class WorkerFactory {

    /** A built worker and the clients it was given, so a service can meter them. */
    public record Built(PoolWorker worker, Consumer<String, String> consumer, Producer<String, String> producer) {}

    private WorkerFactory() {}

    public static Built build(WorkerConfig config, ServedModels models, PoolWorker.Listener listener) {
        Consumer<String, String> consumer = WorkerClients.consumer(config);
        Producer<String, String> producer = WorkerClients.producer(config);
        CancelledBatches cancelled = new CancelledBatches(WorkerClients.cancellationsConsumer(config));
        return new Built(new PoolWorker(config, models, listener, consumer, producer, cancelled), consumer, producer);
    }

    /**
     * Opens the main model (with its stop-temperature calibration) and, when given, the TLDR model; closes
     * what it opened when a later one fails.
     *
     * @param tldrDir null: the main model serves method tldr
     */
    public static ServedModels open(Path mainDir, Path tldrDir, RuntimeOptions runtime) throws IOException {
        ReasonerModel main = ReasonerModel.open(mainDir, runtime);
        try {
            ReasonerModel tldr = tldrDir == null ? null : ReasonerModel.open(tldrDir, runtime);
            return new ServedModels(main, StopTemperatureTable.forModel(main), tldr);
        } catch (IOException | RuntimeException e) {
            main.close();
            throw e;
        }
    }

    /** worker-POOL-HOSTNAME: named in every result, for audit. */
    public static String defaultWorkerId(Pool pool) {
        return "worker-" + pool.wireName() + "-" + hostname();
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null && !env.isBlank() ? env : "local";
        }
    }
}
