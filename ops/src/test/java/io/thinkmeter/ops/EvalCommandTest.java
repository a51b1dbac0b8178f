package io.thinkmeter.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thinkmeter.engine.model.ReasonerDescriptor;
import io.thinkmeter.engine.model.ReasonerTokenizer;
import io.thinkmeter.evaluation.StandInGrader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code thinkmeter eval} in-process on the tiny model: 20 problems under 6 combinations. */
class EvalCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ThinkmeterCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int rc = cli.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    @Test
    void shouldEvaluateEveryCombinationAndWriteResultsJsonAndChart(@TempDir Path dir) throws Exception {
        Path model = TestModels.tinyReasoner();
        Path results = dir.resolve("results.jsonl");
        Path chart = dir.resolve("chart.svg");
        Run r = run("eval", "--model", model.toString(), "--dataset", model.resolve("eval.jsonl").toString(),
                "--method", "none,budget-forcing", "--method", "ts", "--budget", "48,96", "--limit", "20",
                "--batch-size", "16", "--json", "--out", results.toString(), "--chart", chart.toString());
        assertEquals(0, r.exitCode(), r.err());

        JsonNode report = JSON.readTree(r.out());
        assertEquals("tiny-reasoner", report.get("model").asText());
        assertEquals(20, report.get("problems").asInt());
        JsonNode rows = report.get("rows");
        assertEquals(6, rows.size(), rows.toString());
        Set<String> seen = new HashSet<>();
        for (JsonNode row : rows) {
            seen.add(row.get("method").asText() + "/" + row.get("budget").asInt());
            assertEquals(20, row.get("n").asInt(), row.toString());
            assertEquals(0, row.get("errors").asInt(), row.toString());
            assertTrue(row.get("mean_total_tokens").asDouble() > row.get("mean_thinking_tokens").asDouble(), row.toString());
            assertTrue(row.get("p90_thinking_tokens").asInt() <= row.get("budget").asInt(), row.toString());
            assertEquals(row.get("method").asText().equals("ts"), !row.get("stop_temperature").isNull(),
                    "ts rows name the tau the model's table chose: " + row);
        }
        assertEquals(Set.of("none/48", "none/96", "budget-forcing/48", "budget-forcing/96", "ts/48", "ts/96"), seen);
        assertTrue(rows.get(3).get("accuracy").asDouble() >= 0.7, "budget forcing at 96 on easy problems: " + rows);

        List<String> lines = Files.readAllLines(results);
        assertEquals(120, lines.size());
        StandInGrader grader = new StandInGrader();
        for (String line : lines) {
            JsonNode o = JSON.readTree(line);
            assertTrue(o.get("generated_tokens").asInt() <= o.get("budget").asInt(), line);
            String answer = o.get("final_answer").isNull() ? null : o.get("final_answer").asText();
            assertEquals(grader.equal(answer, o.get("gold").asText()), o.get("correct").asBoolean(), line);
            assertTrue(o.get("error").isNull(), line);
        }
        assertEquals("1", JSON.readTree(lines.get(0)).get("problem_id").asText(), "eval.jsonl has no ids: line numbers");
        assertTrue(Files.readString(chart).contains("<svg"));
    }

    @Test
    void shouldReportTldrLevelsFromTheTldrModelBesideTheOtherMethodsAtEqualTokens() throws Exception {
        Path model = TestModels.tinyReasoner();
        assumeTrue(Files.isRegularFile(model.resolveSibling("tiny-reasoner-tldr").resolve("reasoner.json")),
                "no TLDR model beside " + model);
        Run r = run("eval", "--model", model.toString(), "--dataset", model.resolve("eval.jsonl").toString(),
                "--method", "budget-forcing,tldr", "--level", "short,long", "--budget", "64,96", "--limit", "20",
                "--json");
        assertEquals(0, r.exitCode(), r.err());

        JsonNode report = JSON.readTree(r.out());
        assertEquals("tiny-reasoner-tldr", report.get("tldr_model").asText(), "found beside --model");
        Map<String, JsonNode> byKey = new HashMap<>();
        report.get("rows").forEach(row -> byKey.put(row.get("method").asText() + "/" + row.get("level").asText("-")
                + "/" + row.get("budget").asInt(), row));
        assertEquals(Set.of("budget-forcing/-/64", "budget-forcing/-/96", "tldr/short/64", "tldr/short/96",
                "tldr/long/64", "tldr/long/96"), byKey.keySet());
        assertTrue(byKey.get("tldr/short/96").get("mean_thinking_tokens").asDouble()
                < byKey.get("tldr/long/96").get("mean_thinking_tokens").asDouble(), report.toString());
        assertEquals(4, report.get("equal_tokens").size(), "one comparison per tldr row");
        assertTrue(report.get("equal_tokens").get(0).get("accuracy_at_equal_tokens").has("budget-forcing"));
    }

    /** Issue 16: budget forcing with s1's minimum is a row, a series and a results field of its own. */
    @Test
    void budgetForcingWithAMinimumIsARowOfItsOwn(@TempDir Path dir) throws Exception {
        Path model = TestModels.tinyReasoner();
        Path results = dir.resolve("results.jsonl");
        Run r = run("eval", "--model", model.toString(), "--dataset", model.resolve("eval.jsonl").toString(),
                "--method", "budget-forcing", "--min-thinking", "0,120", "--budget", "200", "--limit", "12",
                "--json", "--out", results.toString(), "--chart", dir.resolve("c.svg").toString());
        assertEquals(0, r.exitCode(), r.err());

        JsonNode rows = JSON.readTree(r.out()).get("rows");
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.get(0).get("min_thinking").isNull(), rows.toString());
        assertEquals(120, rows.get(1).get("min_thinking").asInt(), rows.toString());
        assertTrue(rows.get(1).get("mean_thinking_tokens").asDouble() >= 120, rows.toString());
        assertTrue(rows.get(1).get("mean_thinking_tokens").asDouble()
                > rows.get(0).get("mean_thinking_tokens").asDouble(), rows.toString());
        long withMinimum = Files.readAllLines(results).stream().filter(l -> l.contains("\"min_thinking\":120")).count();
        assertEquals(12, withMinimum, "each results line of the minimum's row carries it");
        assertTrue(Files.readString(dir.resolve("c.svg")).contains("<svg"), "charted (series names: EqualTokensTest)");
    }

    @Test
    void sampledEvaluationGivesEachProblemItsOwnReproducibleSeed(@TempDir Path dir) throws Exception {
        Path model = TestModels.tinyReasoner();
        StringBuilder same = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            same.append("{\"problem\": \"Compute 478 + 356 - 25.\", \"answer\": \"809\"}\n");
        }
        Path dataset = Files.writeString(dir.resolve("same.jsonl"), same.toString());
        List<String> thinking = new ArrayList<>();
        for (String out : List.of("a.jsonl", "b.jsonl")) {
            Run r = run("eval", "--model", model.toString(), "--dataset", dataset.toString(), "--method", "none",
                    "--budget", "160", "--temperature", "1.5", "--seed", "3", "--out", dir.resolve(out).toString());
            assertEquals(0, r.exitCode(), r.err());
            StringBuilder counts = new StringBuilder();
            for (String line : Files.readAllLines(dir.resolve(out))) {
                counts.append(JSON.readTree(line).get("thinking_tokens").asInt()).append(' ');
            }
            thinking.add(counts.toString());
        }
        assertEquals(thinking.get(0), thinking.get(1), "the same seed repeats the run");
        assertTrue(Set.of(thinking.get(0).trim().split(" ")).size() > 1,
                "one problem eight times, each with its own seed, is not decoded eight times alike: " + thinking);
    }

    @Test
    void shouldPrintATableByDefault(@TempDir Path dir) {
        Path model = TestModels.tinyReasoner();
        Run r = run("eval", "--model", model.toString(), "--dataset", model.resolve("eval.jsonl").toString(),
                "--method", "budget-forcing", "--budget", "64", "--limit", "4");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[1].startsWith("budget-forcing  -          64     -     4 "), lines[1]);
        // then the grader's rules, as the tests' stand-in grader names them
        assertEquals("", lines[2], r.out());
        assertTrue(lines[3].startsWith("Grader rules over "), r.out());
        assertTrue(lines[4].matches("extraction\\s+n\\s+comparison\\s+n"), lines[4]);
        assertTrue(lines[5].startsWith(StandInGrader.EXTRACTION + " "), lines[5]);
    }

    @Test
    void withoutABudgetShouldSpendTheContextLessTheLongestPromptAndSaySo(@TempDir Path dir) throws Exception {
        Path model = TestModels.tinyReasoner();
        Path dataset = Files.writeString(dir.resolve("two.jsonl"), """
                {"problem": "Compute 2 + 3.", "answer": "5"}
                {"problem": "Compute 478 + 356 - 25 + 1000 - 7.", "answer": "1802"}
                """);
        Path results = dir.resolve("results.jsonl");
        Run r = run("eval", "--model", model.toString(), "--dataset", dataset.toString(), "--method",
                "budget-forcing", "--out", results.toString());
        assertEquals(0, r.exitCode(), r.err());

        int longest = longestPrompt(model, "Compute 478 + 356 - 25 + 1000 - 7.");
        int budget = 512 - longest;
        assertTrue(r.err().contains(String.format("thinkmeter eval: budget: %d tokens (context 512 less the longest"
                + " prompt, %d tokens: problem 2 on tiny-reasoner)", budget, longest)), r.err());
        for (String line : Files.readAllLines(results)) {
            assertEquals(budget, JSON.readTree(line).get("budget").asInt(), line);
        }
    }

    @Test
    void aSetWhosePromptDoesNotFitTheContextShouldBeRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path model = TestModels.tinyReasoner();
        Path dataset = Files.writeString(dir.resolve("long.jsonl"), "{\"problem\": \"Compute " + "12 + ".repeat(300)
                + "1.\", \"answer\": \"3601\"}\n");
        Run r = run("eval", "--model", model.toString(), "--dataset", dataset.toString(), "--method", "none");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("thinkmeter eval: the longest prompt (problem 1) takes "), r.err());
        assertTrue(r.err().contains("which does not fit tiny-reasoner's context of 512 tokens"), r.err());
    }

    private static int longestPrompt(Path model, String problem) throws Exception {
        ReasonerDescriptor d = ReasonerDescriptor.read(model.resolve("reasoner.json"));
        try (ReasonerTokenizer tokenizer = ReasonerTokenizer.load(model.resolve(d.tokenizerFile()))) {
            return tokenizer.encode(d.prompt(problem, null)).length;
        }
    }

    @Test
    void shouldRefuseSettingsForMethodsNotAskedFor() {
        Run r = run("eval", "--dataset", "x.jsonl", "--method", "none", "--budget", "48", "--stop-temperature", "2");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--stop-temperature applies to method ts, which is not asked for"), r.err());
        Run minimum = run("eval", "--dataset", "x.jsonl", "--method", "ts", "--budget", "48", "--min-thinking", "30");
        assertEquals(2, minimum.exitCode());
        assertTrue(minimum.err().contains("--min-thinking applies to method budget-forcing, which is not asked for"),
                minimum.err());
        Run negative = run("eval", "--dataset", "x.jsonl", "--method", "budget-forcing", "--budget", "48",
                "--min-thinking", "-5");
        assertEquals(2, negative.exitCode());
        assertTrue(negative.err().contains("--min-thinking must be 0 or more tokens, was -5"), negative.err());
        Run tooLong = run("eval", "--dataset", "x.jsonl", "--method", "budget-forcing", "--budget", "48",
                "--min-thinking", "48");
        assertEquals(2, tooLong.exitCode());
        assertTrue(tooLong.err().contains("less than the budget (48), was 48"), tooLong.err());
        Run bad = run("eval", "--dataset", "x.jsonl", "--method", "fast", "--budget", "48");
        assertEquals(2, bad.exitCode());
        assertFalse(bad.err().isBlank());
    }

    /** Two TLDR models (here the same directory under two names) compared in one table and one chart. */
    @Test
    void shouldRunEveryTldrCombinationOnEveryNamedTldrModel(@TempDir Path dir) throws Exception {
        Path model = TestModels.tinyReasoner();
        Path tldr = model.resolveSibling("tiny-reasoner-tldr");
        assumeTrue(Files.isRegularFile(tldr.resolve("reasoner.json")), "no TLDR model beside " + model);
        Path chart = dir.resolve("chart.svg");
        Run r = run("eval", "--model", model.toString(), "--dataset", model.resolve("eval.jsonl").toString(),
                "--method", "none,tldr", "--level", "short", "--budget", "96", "--limit", "3", "--json",
                "--tldr-model", "warm-start=" + tldr, "--tldr-model", tldr.toString(), "--chart", chart.toString());
        assertEquals(0, r.exitCode(), r.err());

        JsonNode report = JSON.readTree(r.out());
        List<String> rows = new ArrayList<>();
        report.get("rows").forEach(row -> rows.add(row.get("method").asText() + "/" + row.path("tldr_model").asText("-")));
        assertEquals(List.of("none/-", "tldr/tiny-reasoner-tldr", "tldr/warm-start"), rows,
                "a plain DIR by its reasoner.json's name");
        assertEquals(2, report.get("equal_tokens").size());
        String svg = Files.readString(chart);
        assertTrue(svg.contains("<svg"));

        Run twice = run("eval", "--model", model.toString(), "--dataset", model.resolve("eval.jsonl").toString(),
                "--method", "tldr", "--budget", "96", "--tldr-model", "a=" + tldr, "--tldr-model", "b=" + tldr,
                "--via-platform");
        assertEquals(2, twice.exitCode(), twice.err());
        assertTrue(twice.err().contains("--via-platform runs one TLDR model"), twice.err());
    }
}
