package io.thinkmeter.ops;

import io.thinkmeter.ops.bench.SinkBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code thinkmeter bench sink}: rows per second the storage sink writes into PostgreSQL (see BENCHMARKS.md). */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Storage sink throughput: Kafka records stored in PostgreSQL per second.")
final class SinkBenchCommand implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "20000", description = "requests, and as many results, produced before the sink starts")
    int rows;

    @Option(names = "--max-poll-records", split = ",", defaultValue = "2000",
            description = "records per poll, and so per database transaction (several: one run each)")
    int[] maxPollRecords;

    @Option(names = "--server", split = ",", defaultValue = "throwaway,durable",
            description = "throwaway: the tests' PostgreSQL (fsync and synchronous commit off); durable: the one"
                    + " 'thinkmeter up' keeps (both on)")
    String[] servers;

    @Option(names = "--repeat", defaultValue = "1", description = "runs of each combination, interleaved")
    int repeat;

    @Override
    public Integer call() throws Exception {
        List<SinkBenchmark.Server> servers = new ArrayList<>();
        for (String name : this.servers) {
            servers.add(server(name));
        }
        Path dir = Files.createTempDirectory("thinkmeter-sink-bench");
        List<SinkBenchmark.Run> runs = new ArrayList<>();
        try (SinkBenchmark bench = SinkBenchmark.start(dir, rows)) {
            // one unreported pass first, so no run pays for class loading and the JIT
            bench.run(servers.get(0), maxPollRecords[0]);
            for (int r = 0; r < repeat; r++) {
                for (SinkBenchmark.Server server : servers) {
                    for (int max : maxPollRecords) {
                        runs.add(bench.run(server, max));
                    }
                }
            }
        } finally {
            deleteQuietly(dir);
        }
        System.out.printf("%d requests and %d results per run, %d cores; a record is a request (1 row) or a result"
                + " (its row, its ledger row and its request's state change)%n", rows, rows,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| server | fsync | synchronous_commit | max.poll.records | seconds | records/s"
                + " | records/s after first commit | table rows/s |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (SinkBenchmark.Run run : runs) {
            System.out.printf("| %s | %s | %s | %d | %.2f | %.0f | %.0f | %.0f |%n",
                    run.server().name().toLowerCase(Locale.ROOT), run.fsync(), run.synchronousCommit(),
                    run.maxPollRecords(), run.seconds(), run.recordsPerSecond(), run.recordsPerSecondAfterFirstRow(),
                    run.tableRowsPerSecond());
        }
        return 0;
    }

    private static SinkBenchmark.Server server(String name) {
        try {
            return SinkBenchmark.Server.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--server takes throwaway or durable, was '" + name + "'", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
