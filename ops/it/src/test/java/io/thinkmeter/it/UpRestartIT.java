package io.thinkmeter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.demo.DemoPlan;
import io.thinkmeter.storage.DatabaseLogin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * `thinkmeter up` as a user runs it, as a process of its own: it keeps everything in its data
 * directory, so after it is killed with -9 in the middle of a batch (no shutdown hook runs) and started
 * again, it resumes: the batch finishes with every request stored once, and new work is taken.
 * `thinkmeter status` shows each service. Issue 10, case 3 ("up keeps everything in a temporary
 * directory") and its kill -9.
 */
@Execution(ExecutionMode.CONCURRENT) // mostly waiting: runs beside the other classes (junit-platform.properties)
class UpRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PROBLEMS = 200;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void upShouldResumeAfterAKillWithEveryResultKeptAndNoneTwice(@TempDir Path work) throws Exception {
        Path data = work.resolve("data");
        Process up = up(work, data, "first");
        String batch;
        try {
            JsonNode stack = awaitStackFile(work, up);
            ThinkmeterClient client = new ThinkmeterClient(stack.get("url").asText(), stack.get("api_key").asText());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    work.resolve(".thinkmeter/stack.json"))), "stack.json holds keys: its owner's only");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    data.resolve("secrets.properties"))));

            CliRun status = cli(work, "status");
            assertEquals(0, status.exitCode(), status.output());
            for (String service : List.of("kafka", "postgres", "scheduler", "worker-short", "worker-medium",
                    "worker-long", "sink", "ingest")) {
                assertTrue(status.output().matches("(?s).*\\b" + service + "\\s+running.*"), status.output());
            }

            batch = client.submitBatch(DemoPlan.build(ItStack.model().resolve("eval.jsonl"), PROBLEMS).jsonl());
            ledger(data, batch).awaitResults(PROBLEMS / 10, Duration.ofMinutes(3));
        } finally {
            up.destroyForcibly(); // kill -9: no shutdown hook, no clean stop of anything
            up.waitFor(30, TimeUnit.SECONDS);
        }

        Process again = up(work, data, "second");
        try {
            JsonNode stack = awaitStackFile(work, again);
            BatchLedger ledger = ledger(data, batch);
            ledger.awaitResults(PROBLEMS, Duration.ofMinutes(4));
            ledger.assertExactlyOnce(PROBLEMS);
            ThinkmeterClient client = new ThinkmeterClient(stack.get("url").asText(), stack.get("api_key").asText());
            assertEquals(PROBLEMS, client.batchStatus(batch).counts().done(),
                    "the batch from before the kill is there, by id, with every result");
            String next = client.submitBatch(DemoPlan.build(ItStack.model().resolve("eval.jsonl"), 20).jsonl());
            ledger(data, next).awaitResults(20, Duration.ofMinutes(2));
        } finally {
            again.destroy(); // Ctrl-C: a clean stop
            assertTrue(again.waitFor(2, TimeUnit.MINUTES), "up stops cleanly on SIGTERM");
        }
    }

    private static Process up(Path work, Path data, String run) throws IOException {
        Files.deleteIfExists(work.resolve(".thinkmeter/stack.json"));
        return cliProcess(work, "up-" + run, "up", "--data-dir", data.toString(),
                "--model", ItStack.model().toAbsolutePath().toString(), "--tldr-model", "none",
                "--apps", ItStack.apps().home().toAbsolutePath().toString(), "--max-in-flight", "16");
    }

    private record CliRun(int exitCode, String output) {}

    private static CliRun cli(Path work, String... args) throws Exception {
        Process p = cliProcess(work, args[0], args);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), String.join(" ", args) + " finished");
        return new CliRun(p.exitValue(), Files.readString(work.resolve(args[0] + ".out")));
    }

    private static Process cliProcess(Path work, String logName, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), "io.thinkmeter.ops.ThinkmeterCli"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(logName + ".out").toFile()).start();
    }

    private static JsonNode awaitStackFile(Path work, Process up) throws Exception {
        Path file = work.resolve(".thinkmeter/stack.json");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            if (!up.isAlive()) {
                throw new AssertionError("up exited with " + up.exitValue());
            }
            if (Files.isRegularFile(file) && Files.size(file) > 0) {
                return JSON.readTree(file.toFile());
            }
            Thread.sleep(250);
        }
        throw new AssertionError("up did not write " + file);
    }

    /** The platform's database, as its superuser: the password is where `up` keeps it (mode 0600). */
    private static BatchLedger ledger(Path data, String batch) throws IOException {
        Properties credentials = new Properties();
        try (Reader in = Files.newBufferedReader(data.resolve("postgres.credentials"))) {
            credentials.load(in);
        }
        Properties ports = new Properties();
        try (Reader in = Files.newBufferedReader(data.resolve("ports.properties"))) {
            ports.load(in);
        }
        String url = "jdbc:postgresql://localhost:" + ports.getProperty("postgres") + "/thinkmeter";
        return new BatchLedger(new DatabaseLogin("postgres", credentials.getProperty("postgres")).dataSource(url), batch);
    }
}
