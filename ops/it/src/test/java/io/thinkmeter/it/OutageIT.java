package io.thinkmeter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thinkmeter.contracts.BatchViews;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.demo.DemoPlan;
import io.thinkmeter.ops.platform.ModelDirs;
import io.thinkmeter.ops.platform.Platform;
import io.thinkmeter.ops.platform.ServiceStatus;
import io.thinkmeter.ops.platform.Stack;
import io.thinkmeter.ops.platform.StackOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Outages of minutes, as an operator would cause them: the broker or the database held down while a
 * batch runs, a pool without its worker. The services wait them out by themselves (the supervisor
 * restarts none of them), ingest refuses fast and whole while Kafka is down, and a resubmission under
 * the same idempotency key charges each line once.
 */
// Mostly waiting: the class runs beside the other classes (junit-platform.properties), but its own tests one
// after another (SAME_THREAD on each). With @Execution(CONCURRENT) alone they ran two at a time on the one stack,
// and one test's outage fell into another's: a batch answered 503 after its own outage had ended, a batch left
// at 206 of 300 results.
@Execution(ExecutionMode.CONCURRENT)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class OutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Problems in the batch that lives through both outages: enough that the outages fall mid-batch. */
    private static final int BATCH = 300;
    private static final List<String> SERVICES = List.of("scheduler", "worker-short", "worker-medium", "worker-long",
            "sink", "ingest");

    @TempDir
    static Path dir;
    private static Stack stack;
    private static String apiKey;
    private static ThinkmeterClient client;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.start(new StackOptions(dir.resolve("data"), ModelDirs.only(ItStack.model()), ItStack.apps(), true,
                16, new Properties()), line -> System.out.println("supervisor: " + line));
        apiKey = ThinkmeterClient.createTenant(stack.url(), stack.adminKey(), "outage", null);
        client = new ThinkmeterClient(stack.url(), apiKey);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * Case 5 of issue 10 (workers died after a broker outage longer than the producer's 120 s delivery
     * timeout), then the database held down while the backlog drains: the sink keeps what the workers
     * produce until it can write again. One batch carries both outages, so the suite waits for one batch.
     */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void theServicesShouldWaitOutABrokerOutageOfMoreThanTwoMinutesAndThenADatabaseOutage() throws Exception {
        DemoPlan plan = DemoPlan.build(ItStack.model().resolve("eval.jsonl"), BATCH);
        Map<String, Integer> restarts = restarts();
        String batch = client.submitBatch(plan.jsonl());
        BatchLedger ledger = new BatchLedger(stack.platform().database(), batch);
        ledger.awaitResults(30, Duration.ofMinutes(3));

        try (Platform.Outage outage = stack.platform().outage("kafka")) {
            Thread.sleep(Duration.ofSeconds(130).toMillis());
        }
        try (Platform.Outage outage = stack.platform().outage("postgres")) {
            Thread.sleep(Duration.ofSeconds(60).toMillis());
        }

        Map<String, Integer> after;
        try {
            // Decoding competes with the suite's other classes for the machine's cores: the pace varies by
            // run, so what fails is a batch that stands still after the outages, not a slow one.
            ledger.awaitResultsWhileProgressing(BATCH, Duration.ofMinutes(3), Duration.ofMinutes(9));
        } finally {
            after = restarts();
            if (!restarts.equals(after) || ledger.count("SELECT count(*) FROM results WHERE batch_id = ?") < BATCH) {
                printLogs(SERVICES); // the stack's directory goes with the test: show why now
                printBrokerTransactionLines();
            }
        }
        ledger.assertExactlyOnce(BATCH);
        assertEquals(restarts, after, "no service had to be restarted: each waited the outages out");
    }

    /** The errors in the logs of {@code services}, and each one's last 80 lines, to stdout (the test report). */
    private static void printLogs(List<String> services) throws IOException {
        for (String service : services) {
            Path log = stack.platform().layout().logs().resolve(service + ".log");
            if (Files.isRegularFile(log)) {
                List<String> lines = Files.readAllLines(log);
                System.out.println("=== " + log + ": ERROR lines, exceptions and the last 80 lines");
                lines.stream().filter(l -> l.contains("ERROR") || l.contains("Exception") || l.startsWith("Caused by"))
                        .limit(200).forEach(System.out::println);
                lines.subList(Math.max(0, lines.size() - 80), lines.size()).forEach(System.out::println);
            }
        }
    }

    /**
     * The broker's own account of transactions (coordinator loading, markers, aborts, epoch errors) and its
     * errors: a stream thread whose commits time out after an outage is waiting on the coordinator.
     */
    private static void printBrokerTransactionLines() throws IOException {
        Path log = stack.platform().layout().kafka().resolve("kafka.log");
        if (Files.isRegularFile(log)) {
            System.out.println("=== " + log + ": transaction, coordinator and error lines");
            Files.readAllLines(log).stream()
                    .filter(l -> l.contains("ERROR") || l.contains("Transaction") || l.contains("transaction")
                            || l.contains("Epoch") || l.contains("Marker") || l.contains("Exception"))
                    .filter(l -> !l.contains("Connection to node"))
                    .limit(400).forEach(System.out::println);
        }
    }

    /** Case 4 of issue 10: with Kafka down, a batch was answered 503 after minutes and then half published. */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void withKafkaDownABatchShouldBeRefusedFastAndWholeAndItsResubmissionChargedOnce() throws Exception {
        String body = DemoPlan.build(ItStack.model().resolve("eval.jsonl"), 30).jsonl();
        String key = "outage-" + System.nanoTime();
        HttpResponse<String> refused;
        long tookMillis;
        try (Platform.Outage outage = stack.platform().outage("kafka")) {
            long began = System.nanoTime();
            refused = submit(body, key);
            tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        }
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(tookMillis < 30_000, "answered within the documented bound, not per line: " + tookMillis + " ms");
        JsonNode error = JSON.readTree(refused.body());
        assertTrue(error.hasNonNull("error") && error.path("problems").size() > 0, refused.body());
        assertEquals(key, error.path("idempotency_key").asText(), refused.body());
        String batch = error.path("batch_id").asText();

        // the broker is back: nothing of the refused batch may surface, not even part of it
        awaitReady();
        Thread.sleep(5_000);
        BatchLedger ledger = new BatchLedger(stack.platform().database(), batch);
        assertEquals(0, ledger.count("SELECT count(*) FROM requests WHERE batch_id = ?"), "nothing was accepted");
        assertEquals(404, get("/v1/problems/batch/" + batch).statusCode());

        HttpResponse<String> accepted = submit(body, key);
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals(batch, JSON.readTree(accepted.body()).path("batch_id").asText(), "the same key, the same batch");
        HttpResponse<String> again = submit(body, key);
        assertEquals(202, again.statusCode(), again.body());
        ledger.awaitResults(30, Duration.ofMinutes(3));
        Thread.sleep(3_000); // a second copy of any line would have surfaced by now
        ledger.assertExactlyOnce(30);
    }

    /** Case 6 of issue 10: ingest stayed ready while nobody would run the work. */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void readinessShouldSayWhenAPoolHasNoWorkerAndRecoverWhenItIsBack() throws Exception {
        awaitReady();
        try (Platform.Outage outage = stack.platform().outage("worker-long")) {
            HttpResponse<String> ready = awaitReadiness(503, Duration.ofSeconds(60));
            assertTrue(ready.body().contains("long"), "readiness names the pool without a worker: " + ready.body());
            assertEquals(ServiceStatus.HELD, stack.platform().service("worker-long").state());
        }
        awaitReady();
    }

    /** Case 10 of issue 10: a budget of 1,000,000 on a 512-token model, and 19,000-character problems, were accepted. */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void whatNoServedModelCouldRunShouldBeRefusedAtIngest() throws Exception {
        HttpResponse<String> budget = post("/v1/problems",
                "{\"problem\": \"Compute 2 + 2.\", \"budget\": 1000000, \"method\": \"ts\"}");
        assertEquals(400, budget.statusCode(), budget.body());
        assertTrue(budget.body().contains("thinkmeter.ingest.max-budget"), budget.body());
        HttpResponse<String> longProblem = post("/v1/problems",
                "{\"problem\": \"" + "7".repeat(19_000) + "\", \"budget\": 96, \"method\": \"ts\"}");
        assertEquals(400, longProblem.statusCode(), longProblem.body());
        assertTrue(longProblem.body().contains("thinkmeter.ingest.max-problem-chars"), longProblem.body());
    }

    /**
     * Kafka is a front door too: a Kafka-native team produces problems with Kafka's own console producer
     * to the shared problems topic, the tenant in the {@code thinkmeter-tenant} header, and reads the
     * results back from {@code thinkmeter.results} with Kafka's own console consumer, by batch name.
     * Lives here to share this class's stack rather than start one more.
     */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void problemsProducedWithKafkasConsoleProducerShouldGetOneResultEachOnTheResultsTopic() throws Exception {
        String batch = "console-" + System.nanoTime();
        List<String> clientIds = List.of("p0", "p1", "p2", "p3", "p4");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < clientIds.size(); i++) {
            lines.append(Topics.TENANT_HEADER).append(":outage\t{\"problem\": \"Compute ").append(470 + i)
                    .append(" + 356.\", \"budget\": 48, \"method\": \"budget-forcing\", \"client_id\": \"")
                    .append(clientIds.get(i)).append("\", \"batch\": \"").append(batch).append("\"}\n");
        }
        // no budget: refused with the reason, on the rejected topic and in the auditors' view
        lines.append(Topics.TENANT_HEADER).append(":outage\t{\"problem\": \"Compute 1 + 1.\", \"method\": \"ts\",")
                .append(" \"client_id\": \"no-budget\", \"batch\": \"").append(batch).append("\"}\n");
        String bootstrap = stack.platform().bootstrapServers();
        Path producerLog = dir.resolve("console-producer.log");
        consoleTool(producerLog, lines.toString(), "org.apache.kafka.tools.ConsoleProducer", "--bootstrap-server",
                bootstrap, "--topic", Topics.PROBLEMS, "--property", "parse.headers=true");

        BatchLedger ledger = new BatchLedger(stack.platform().database(), batch);
        ledger.awaitResults(clientIds.size(), Duration.ofMinutes(3));
        ledger.assertExactlyOnce(clientIds.size());
        assertEquals(1, ledger.count("SELECT count(*) FROM rejected_requests WHERE batch_id = ? AND reason LIKE"
                + " 'budget is required%'"), "the record without a budget is refused with the reason");
        BatchViews.Status status = client.batchStatus(batch);
        assertEquals("kafka", status.inputFormat());
        assertEquals(clientIds.size(), status.counts().done(), status.toString());

        Path consumed = dir.resolve("console-consumer.out");
        consoleTool(consumed, "", "org.apache.kafka.tools.consumer.ConsoleConsumer", "--bootstrap-server", bootstrap,
                "--topic", Topics.RESULTS, "--from-beginning", "--timeout-ms", "15000",
                "--consumer-property", "isolation.level=read_committed");
        List<ProblemResult> ours = new ArrayList<>();
        for (String line : Files.readAllLines(consumed)) {
            if (line.startsWith("{")) {
                ProblemResult r = Json.forServices().readValue(line, ProblemResult.class);
                if (batch.equals(r.batch()) && "outage".equals(r.tenant())) {
                    ours.add(r);
                }
            }
        }
        assertEquals(clientIds, ours.stream().map(ProblemResult::clientId).sorted().toList(),
                "one result per problem on thinkmeter.results, found by batch: " + ours);
        ours.forEach(r -> assertTrue(r.generatedTokens() <= 48 && r.error() == null, r.toString()));
    }

    /** Runs one of Kafka's command-line tools in a child JVM on our class path, {@code input} on its stdin. */
    private static void consoleTool(Path output, String input, String... mainAndArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(mainAndArgs));
        Process tool = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(output.toFile())).start();
        try (var stdin = tool.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!tool.waitFor(2, TimeUnit.MINUTES)) {
            tool.destroyForcibly();
            throw new AssertionError(mainAndArgs[0] + " did not finish; its output: "
                    + Files.readString(output));
        }
        assertEquals(0, tool.exitValue(), mainAndArgs[0] + ": " + Files.readString(output));
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + path))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Integer> restarts() {
        return stack.platform().services().stream().filter(s -> SERVICES.contains(s.name()))
                .collect(Collectors.toMap(ServiceStatus::name, ServiceStatus::restarts));
    }

    private static HttpResponse<String> submit(String body, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/v1/problems/batch"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/x-ndjson")
                .header("Idempotency-Key", key).timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + path))
                .header("Authorization", "Bearer " + apiKey).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitReady() throws Exception {
        awaitReadiness(200, Duration.ofMinutes(2));
    }

    private static HttpResponse<String> awaitReadiness(int status, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (last.statusCode() == status) {
                    return last;
                }
            } catch (java.io.IOException e) {
                // not answering for a moment
            }
            Thread.sleep(250);
        }
        throw new AssertionError("readiness never answered " + status + "; last: "
                + (last == null ? "nothing" : last.statusCode() + " " + last.body()));
    }
}
