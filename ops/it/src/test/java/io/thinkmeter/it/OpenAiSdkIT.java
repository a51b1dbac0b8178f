package io.thinkmeter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponse;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.ReasoningEffort;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.openai.models.models.Model;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.engine.AnswerExtractor;
import io.thinkmeter.grading.AnswerGrader;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.platform.Stack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Thinkmeter as a drop-in OpenAI target, judged by clients nobody here wrote: the official OpenAI Java SDK
 * (and, when Node is present, the official {@code openai} npm package) against the whole stack (every
 * service, a real broker, PostgreSQL, the tiny models). Only the base URL and the API key differ from
 * what the SDKs' own examples do.
 */
class OpenAiSdkIT {

    private static final int BATCH_LINES = 200;
    private static final Path NODE_CHECK = Path.of("openai-node");

    @TempDir
    static Path dir;
    private static Stack stack;
    private static OpenAIClient client;
    private static String apiKey;
    private static List<JsonNode> problems;

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.start(dir, ItStack.modelsWithTldr(), ItStack.apps(), 8, new Properties());
        apiKey = ThinkmeterClient.createTenant(stack.url(), stack.adminKey(), "sdk", null);
        client = clientWith(apiKey);
        problems = new ArrayList<>();
        for (String line : Files.readAllLines(ItStack.model().resolve("eval.jsonl"))) {
            problems.add(Json.forServices().readTree(line));
        }
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static OpenAIClient clientWith(String key) {
        // no retries: a retry would hide a status the SDK should have raised
        return OpenAIOkHttpClient.builder().baseUrl(stack.url() + "/v1").apiKey(key).maxRetries(0)
                .timeout(Duration.ofMinutes(2)).build();
    }

    @Test
    void theServedModelsAreListed() {
        Set<String> ids = new HashSet<>();
        for (Model m : client.models().list().autoPager()) {
            ids.add(m.id());
        }
        assertEquals(Set.of("tiny-reasoner", "tiny-reasoner-tldr"), ids);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aChatCompletionKeepsToItsBudgetAndItsUsageIsTheLedgerRow() throws Exception {
        for (ReasoningEffort effort : List.of(ReasoningEffort.LOW, ReasoningEffort.HIGH, ReasoningEffort.MINIMAL)) {
            ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("o4-mini").addUserMessage("Compute 478 + 356.").maxCompletionTokens(96)
                    .reasoningEffort(effort).build());
            assertEquals(1, c.choices().size());
            ChatCompletion.Choice choice = c.choices().get(0);
            String answer = choice.message().content().orElse("");
            if (effort != ReasoningEffort.MINIMAL) {
                // without thinking the tiny model guesses: only the efforts that think are held to the answer
                assertEquals("834", new AnswerExtractor("Final Answer:").extract(answer), effort + ": " + answer);
            }
            assertFalse(answer.isBlank(), effort.toString());
            CompletionUsage usage = c.usage().orElseThrow();
            assertTrue(usage.completionTokens() <= 96, effort + " spent " + usage.completionTokens());
            long reasoning = usage.completionTokensDetails().orElseThrow().reasoningTokens().orElseThrow();
            if (effort == ReasoningEffort.MINIMAL) {
                assertEquals(0, reasoning, "minimal effort: no thinking");
            } else {
                JsonValue thinking = choice.message()._additionalProperties().get("reasoning_content");
                assertNotNull(thinking, "the thinking is returned as reasoning_content");
                assertTrue(reasoning > 0, effort.toString());
            }
            long[] row = ledgerRow(c.id().substring("chatcmpl-".length()));
            assertEquals(row[0], usage.promptTokens(), "prompt tokens");
            assertEquals(row[1], usage.completionTokens(), "completion tokens = generated");
            assertEquals(row[2], reasoning, "reasoning tokens = thinking");
            assertEquals(usage.promptTokens() + usage.completionTokens(), usage.totalTokens());
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aStreamedCompletionArrivesInChunksEndingWithItsUsage() {
        StringBuilder content = new StringBuilder();
        String finish = null;
        CompletionUsage usage = null;
        int chunks = 0;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("tiny-reasoner").addUserMessage("Compute 478 + 356.")
                        .maxCompletionTokens(96).reasoningEffort(ReasoningEffort.MEDIUM)
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                chunks++;
                for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                    choice.delta().content().ifPresent(content::append);
                    if (choice.finishReason().isPresent()) {
                        finish = choice.finishReason().get().asString();
                    }
                }
                if (chunk.usage().isPresent()) {
                    usage = chunk.usage().get();
                }
            }
        }
        assertTrue(chunks >= 3, "role, content and finish at least: " + chunks);
        assertEquals("834", new AnswerExtractor("Final Answer:").extract(content.toString()), content.toString());
        assertTrue("stop".equals(finish) || "length".equals(finish), finish);
        assertNotNull(usage, "stream_options.include_usage asks for a usage chunk");
        assertTrue(usage.completionTokens() <= 96);
    }

    @Test
    void badInputAndAWrongKeyRaiseTheSdksOwnExceptions() {
        BadRequestException unsupported = assertThrows(BadRequestException.class, () -> client.chat().completions()
                .create(ChatCompletionCreateParams.builder().model("tiny-reasoner").addUserMessage("Compute 1 + 1.")
                        .maxCompletionTokens(32).logprobs(true).build()));
        assertTrue(unsupported.getMessage().contains("logprobs"), unsupported.getMessage());
        assertThrows(BadRequestException.class, () -> client.chat().completions().create(ChatCompletionCreateParams
                .builder().model("tiny-reasoner").addSystemMessage("Be brief.").addUserMessage("Compute 1 + 1.")
                .maxCompletionTokens(32).build()), "the tiny models' template has no system role");
        OpenAIClient wrong = clientWith("tm_not-a-key");
        try {
            assertThrows(UnauthorizedException.class, () -> wrong.models().list());
            assertThrows(UnauthorizedException.class, () -> wrong.batches().list());
        } finally {
            wrong.close();
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aBatchOf200LinesCompletesWithOneGradedResultPerLineAndTheLedgersUsage() throws Exception {
        String tenantKey = ThinkmeterClient.createTenant(stack.url(), stack.adminKey(), "sdk-batch", null);
        Map<String, String> gold = new HashMap<>();
        StringBuilder jsonl = new StringBuilder();
        String[] efforts = {"low", "medium", "high", null};
        for (int i = 0; i < BATCH_LINES; i++) {
            JsonNode p = problems.get((i * 7) % problems.size());
            String id = "line-" + i;
            gold.put(id, p.get("answer").asText());
            Map<String, Object> body = new HashMap<>(Map.of("model", "o4-mini",
                    "messages", List.of(Map.of("role", "user", "content", p.get("problem").asText())),
                    "max_completion_tokens", 64 + 8 * (i % 12)));
            if (efforts[i % efforts.length] != null) {
                body.put("reasoning_effort", efforts[i % efforts.length]);
            }
            jsonl.append(Json.forServices().writeValueAsString(Map.of("custom_id", id, "method", "POST",
                    "url", "/v1/chat/completions", "body", body))).append('\n');
        }
        // within what ingest allows (the context less the shortest prompt), but this prompt plus its budget
        // is over the tiny model's 512-token context: the worker refuses it, so the batch has an error file too
        jsonl.append(Json.forServices().writeValueAsString(Map.of("custom_id", "too-long", "method", "POST",
                "url", "/v1/chat/completions", "body", Map.of("model", "o4-mini", "max_completion_tokens", 500,
                        "messages", List.of(Map.of("role", "user", "content",
                                "Compute 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15."))))))
                .append('\n');
        OpenAIClient tenant = clientWith(tenantKey);
        try {
            FileObject file = tenant.files().create(FileCreateParams.builder()
                    .file(jsonl.toString().getBytes(StandardCharsets.UTF_8)).purpose(FilePurpose.BATCH).build());
            assertEquals(jsonl.toString().getBytes(StandardCharsets.UTF_8).length, file.bytes());
            Batch batch = tenant.batches().create(BatchCreateParams.builder().inputFileId(file.id())
                    .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                    .completionWindow(BatchCreateParams.CompletionWindow._24H).build());
            batch = awaitEnd(tenant, batch.id(), Duration.ofMinutes(7));
            assertEquals(Batch.Status.COMPLETED, batch.status(), batch.toString());
            assertEquals(BATCH_LINES + 1, batch.requestCounts().orElseThrow().total());
            assertEquals(BATCH_LINES, batch.requestCounts().orElseThrow().completed());
            assertEquals(1, batch.requestCounts().orElseThrow().failed());
            List<JsonNode> errors = lines(tenant, batch.errorFileId().orElseThrow());
            assertEquals(1, errors.size(), errors.toString());
            assertEquals("too-long", errors.get(0).get("custom_id").asText());
            assertTrue(errors.get(0).toString().contains("context"), "the engine's reason: " + errors.get(0));

            List<JsonNode> output = lines(tenant, batch.outputFileId().orElseThrow());
            assertEquals(BATCH_LINES, output.size());
            Set<String> seen = new HashSet<>();
            long prompt = 0;
            long completion = 0;
            long reasoning = 0;
            int correct = 0;
            try (AnswerGrader grader = new AnswerGrader()) {
                for (int i = 0; i < output.size(); i++) {
                    JsonNode line = output.get(i);
                    String id = line.get("custom_id").asText();
                    assertEquals("line-" + i, id, "lines in input order");
                    assertTrue(seen.add(id), "one result per custom_id: " + id);
                    assertEquals(200, line.at("/response/status_code").asInt(), line.toString());
                    JsonNode body = line.at("/response/body");
                    assertEquals("chat.completion", body.get("object").asText());
                    JsonNode usage = body.get("usage");
                    assertTrue(usage.get("completion_tokens").asLong() <= 64 + 8 * (i % 12), line.toString());
                    prompt += usage.get("prompt_tokens").asLong();
                    completion += usage.get("completion_tokens").asLong();
                    reasoning += usage.at("/completion_tokens_details/reasoning_tokens").asLong();
                    String answer = body.at("/choices/0/message/content").asText();
                    if (grader.equal(new AnswerExtractor("Final Answer:").extract(answer), gold.get(id))) {
                        correct++;
                    }
                }
            }
            long[] ledger = ledgerOfTenant("sdk-batch");
            assertEquals(ledger[0], prompt, "prompt tokens: the output's usage sums to the ledger's");
            assertEquals(ledger[1], completion, "completion tokens = the ledger's generated tokens");
            assertEquals(ledger[2], reasoning, "reasoning tokens = the ledger's thinking tokens");
            assertEquals(BATCH_LINES + 1, ledger[3], "one ledger row per line, the refused one with no tokens");
            var usage = batch.usage().orElseThrow();
            assertEquals(ledger[0], usage.inputTokens());
            assertEquals(ledger[1], usage.outputTokens());
            assertEquals(ledger[2], usage.outputTokensDetails().reasoningTokens());
            // the tiny model solves most of its own eval problems at these budgets; graded, not assumed
            assertTrue(correct >= BATCH_LINES / 2, "graded correct: " + correct + " of " + BATCH_LINES);
            System.out.println("OpenAiSdkIT: batch of " + BATCH_LINES + " lines, " + correct + " graded correct");
        } finally {
            tenant.close();
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aCancelledBatchPutsEveryLineInExactlyOneOfItsTwoFiles() throws Exception {
        int lines = 60;
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            JsonNode p = problems.get((i * 13) % problems.size());
            jsonl.append(Json.forServices().writeValueAsString(Map.of("custom_id", "c-" + i, "method", "POST",
                    "url", "/v1/chat/completions", "body", Map.of("model", "o4-mini", "max_completion_tokens", 300,
                            "reasoning_effort", "high",
                            "messages", List.of(Map.of("role", "user", "content", p.get("problem").asText()))))))
                    .append('\n');
        }
        FileObject file = client.files().create(FileCreateParams.builder()
                .file(jsonl.toString().getBytes(StandardCharsets.UTF_8)).purpose(FilePurpose.BATCH).build());
        Batch batch = client.batches().create(BatchCreateParams.builder().inputFileId(file.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H).build());
        Batch cancelling = client.batches().cancel(batch.id());
        assertTrue(Set.of(Batch.Status.CANCELLING, Batch.Status.CANCELLED).contains(cancelling.status()),
                cancelling.status().toString());
        batch = awaitEnd(client, batch.id(), Duration.ofMinutes(5));
        assertEquals(Batch.Status.CANCELLED, batch.status(), batch.toString());
        Map<String, Integer> where = new HashMap<>();
        List<JsonNode> done = batch.outputFileId().isPresent() ? lines(client, batch.outputFileId().get()) : List.of();
        List<JsonNode> failed = batch.errorFileId().isPresent() ? lines(client, batch.errorFileId().get()) : List.of();
        done.forEach(l -> where.merge(l.get("custom_id").asText(), 1, Integer::sum));
        failed.forEach(l -> where.merge(l.get("custom_id").asText(), 1, Integer::sum));
        assertEquals(lines, where.size(), "every line is in one of the files");
        assertTrue(where.values().stream().allMatch(n -> n == 1), "and in only one: " + where);
        assertFalse(failed.isEmpty(), "a batch cancelled at once leaves lines unstarted");
        for (JsonNode l : failed) {
            assertTrue(l.at("/error/message").asText().contains("cancelled")
                    || l.at("/response/body/error/message").asText().contains("cancelled"), l.toString());
        }
        assertEquals(done.size(), batch.requestCounts().orElseThrow().completed());
        assertEquals(failed.size(), batch.requestCounts().orElseThrow().failed());
    }

    /** The same flow with the official npm package, when Node and the package (npm ci in ops/it/openai-node) are here. */
    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void theOfficialNodePackageRunsTheSameFlow() throws Exception {
        assumeTrue(Files.isDirectory(NODE_CHECK.resolve("node_modules/openai")),
                "the openai npm package is not installed: run 'npm ci' in ops/it/openai-node (.ci/run does)");
        assumeTrue(onPath("node"), "no node on the PATH");
        String key = ThinkmeterClient.createTenant(stack.url(), stack.adminKey(), "sdk-node", null);
        ProcessBuilder pb = new ProcessBuilder("node", "check.mjs").directory(NODE_CHECK.toFile())
                .redirectErrorStream(true);
        pb.environment().put("THINKMETER_BASE_URL", stack.url() + "/v1");
        pb.environment().put("THINKMETER_API_KEY", key);
        pb.environment().put("THINKMETER_PROBLEMS", ItStack.model().resolve("eval.jsonl").toAbsolutePath().toString());
        Process node = pb.start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(5, TimeUnit.MINUTES), out);
        assertEquals(0, node.exitValue(), out);
        JsonNode summary = Json.forServices().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
        long[] ledger = ledgerOfTenant("sdk-node");
        assertEquals(ledger[0], summary.at("/batch_usage/input_tokens").asLong() + summary.at("/chat_prompt_tokens")
                .asLong(), out);
        assertEquals(ledger[1], summary.at("/batch_usage/output_tokens").asLong() + summary.at("/chat_completion_tokens")
                .asLong(), out);
    }

    private static boolean onPath(String program) {
        try {
            return new ProcessBuilder(program, "--version").start().waitFor(20, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Batch awaitEnd(OpenAIClient c, String id, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Batch b = c.batches().retrieve(id);
        while (!Set.of(Batch.Status.COMPLETED, Batch.Status.FAILED, Batch.Status.CANCELLED, Batch.Status.EXPIRED)
                .contains(b.status()) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            b = c.batches().retrieve(id);
        }
        return b;
    }

    private static List<JsonNode> lines(OpenAIClient c, String fileId) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (HttpResponse content = c.files().content(fileId);
             BufferedReader reader = new BufferedReader(new InputStreamReader(content.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    out.add(Json.forServices().readTree(line));
                }
            }
        }
        return out;
    }

    /** prompt, generated, thinking tokens of one request's ledger row. */
    private static long[] ledgerRow(String requestId) throws SQLException {
        try (Connection c = stack.platform().database().getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT prompt_tokens, generated_tokens, thinking_tokens FROM token_ledger WHERE request_id = ?")) {
            s.setString(1, requestId);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "a ledger row for " + requestId);
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    /** prompt, generated, thinking tokens and rows of a tenant's ledger. */
    private static long[] ledgerOfTenant(String tenant) throws SQLException {
        try (Connection c = stack.platform().database().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT coalesce(sum(prompt_tokens), 0), "
                     + "coalesce(sum(generated_tokens), 0), coalesce(sum(thinking_tokens), 0), count(*) "
                     + "FROM token_ledger WHERE tenant_id = ?")) {
            s.setString(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
            }
        }
    }
}
