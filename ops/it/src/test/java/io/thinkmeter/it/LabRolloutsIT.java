package io.thinkmeter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.platform.ModelDirs;
import io.thinkmeter.ops.platform.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The model lab's batch mode against the real platform: {@code lab.py rollouts} asks ingest for G
 * samples per prompt, the Kafka workers decode them on the TLDR model, and the lab scores them; then
 * {@code lab.py tldr --rollouts-from} trains two GRPO iterations on rollouts the workers generated.
 */
class LabRolloutsIT {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void theLabShouldGetGSamplesPerPromptFromTheWorkers(@TempDir Path dir) throws Exception {
        assumeTrue(pythonWithTorch(), "no /usr/bin/python3 with torch: the model lab cannot run here");
        ModelDirs models = ItStack.modelsWithTldr();
        Path root = ItStack.model().toAbsolutePath().getParent().getParent();
        Path out = dir.resolve("rollouts.jsonl");
        try (Stack stack = Stack.start(dir, models, ItStack.apps(), 16, new Properties())) {
            String key = ThinkmeterClient.createTenant(stack.url(), stack.adminKey(), "lab", null);
            Process lab = new ProcessBuilder(PYTHON.toString(), "model-lab/lab.py", "rollouts", "--url", stack.url(),
                    "--api-key", key, "--out", out.toString(), "--prompts", "6", "--group", "4", "--budget", "96",
                    "--held-out", "models/tiny-reasoner/eval.jsonl", "--timeout", "240")
                    .directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("lab.log").toFile()).start();
            assertTrue(lab.waitFor(5, TimeUnit.MINUTES), "lab.py rollouts did not finish");
            assertEquals(0, lab.exitValue(), Files.readString(dir.resolve("lab.log")));

            ObjectMapper json = new ObjectMapper();
            List<JsonNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(out)) {
                rows.add(json.readTree(line));
            }
            assertEquals(24, rows.size(), "6 prompts x 4 samples");
            Map<String, List<JsonNode>> byProblem = new HashMap<>();
            rows.forEach(r -> byProblem.computeIfAbsent(r.get("problem").asText(), k -> new ArrayList<>()).add(r));
            assertEquals(6, byProblem.size());
            int groupsWithDifferentSamples = 0;
            for (List<JsonNode> group : byProblem.values()) {
                assertEquals(List.of(0, 1, 2, 3), group.stream().map(r -> r.get("sample").asInt()).toList());
                double advantages = group.stream().mapToDouble(r -> r.get("advantage").asDouble()).sum();
                assertEquals(0.0, advantages, 1e-3, "group-relative advantages sum to zero: " + group);
                Set<String> thoughts = new HashSet<>();
                group.forEach(r -> thoughts.add(r.get("thinking").asText()));
                groupsWithDifferentSamples += thoughts.size() > 1 ? 1 : 0;
                group.forEach(r -> {
                    assertEquals("tiny-reasoner-tldr", r.get("model").asText());
                    assertTrue(r.get("generated_tokens").asInt() <= 96, r.toString());
                });
            }
            assertTrue(groupsWithDifferentSamples >= 3, "seeded samples differ: " + groupsWithDifferentSamples);
            assertEquals(24, rows.stream().map(r -> r.get("request_id").asText()).distinct().count());

            try (Connection c = stack.platform().database().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT client_id) FROM results"
                         + " WHERE tenant_id = 'lab' AND method = 'tldr' AND client_id LIKE '%#%'")) {
                rs.next();
                assertEquals(24, rs.getLong(1), "every sample is stored once, as its own result");
                assertEquals(24, rs.getLong(2));
            }

            // GRPO whose rollouts come from the workers: 2 iterations of 2 prompts x 3 samples.
            Path tldrOut = dir.resolve("tldr");
            ProcessBuilder grpo = new ProcessBuilder(PYTHON.toString(), "model-lab/lab.py", "tldr",
                    "--from", "models/tiny-reasoner-tldr", "--out", tldrOut.toString(), "--warmstart-steps", "0",
                    "--iterations", "2", "--prompts", "2", "--group", "3", "--max-new-tokens", "96",
                    "--validation-per-cell", "1", "--validate-every", "1", "--eval-limit", "3",
                    "--rollouts-from", stack.url(), "--api-key", key)
                    .directory(root.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("grpo.log").toFile());
            grpo.environment().put("OMP_NUM_THREADS", "1");
            Process run = grpo.start();
            assertTrue(run.waitFor(4, TimeUnit.MINUTES), "lab.py tldr --rollouts-from did not finish");
            assertEquals(0, run.exitValue(), Files.readString(dir.resolve("grpo.log")));
            JsonNode metrics = json.readTree(tldrOut.resolve("metrics.json").toFile());
            assertEquals(2, metrics.get("training").get("history").size());
            assertTrue(Files.isRegularFile(tldrOut.resolve("model.onnx")));
            try (Connection c = stack.platform().database().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM results WHERE tenant_id = 'lab'")) {
                rs.next();
                assertEquals(24 + 2 * 2 * 3, rs.getLong(1), "each GRPO iteration's rollouts came from the workers");
            }
        }
    }

    private static boolean pythonWithTorch() throws InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
