package io.thinkmeter.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code thinkmeter grade} run through picocli with its standard input and output redirected. */
class GradeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteOneVerdictPerLineInOrder() throws Exception {
        List<JsonNode> out = run("""
                {"predicted": "The answer is \\\\boxed{\\\\frac{1}{2}}.", "gold": "0.5"}
                {"predicted": "\\\\boxed{3}", "gold": "4"}
                {"predicted": "Final Answer: 025", "gold": "25"}
                {"predicted": "27", "gold": 27.0}
                {"predicted": "[0,1)", "gold": "(0,1)"}
                """);
        assertEquals(5, out.size());
        assertEquals(List.of(true, false, true, true, false), out.stream().map(n -> n.get("equal").asBoolean()).toList());
        assertTrue(out.stream().noneMatch(n -> n.has("error")));
        assertEquals(1, out.get(0).size(), "only \"equal\" without --explain");
    }

    @Test
    void shouldReportABadLineAndGoOn() throws Exception {
        List<JsonNode> out = run("""
                not json at all
                {"predicted": "1"}
                [1, 2]
                {"predicted": null, "gold": "1"}

                {"predicted": "x+1", "gold": "1+x"}
                """);
        assertEquals(6, out.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(false, out.get(i).get("equal").asBoolean(), "line " + (i + 1));
            assertTrue(out.get(i).get("error").asText().length() > 0, "line " + (i + 1) + " says why");
        }
        assertEquals(true, out.get(5).get("equal").asBoolean());
        assertTrue(out.get(0).get("error").asText().startsWith("not JSON"));
        assertTrue(out.get(1).get("error").asText().contains("\"gold\""));
    }

    @Test
    void shouldExplainWhenAsked() throws Exception {
        List<JsonNode> out = run("{\"predicted\": \"so \\\\boxed{5 \\\\text{ cm}}\", \"gold\": \"5 \\\\text{ m}\"}\n", "--explain");
        assertEquals(false, out.get(0).get("equal").asBoolean());
        assertEquals("5 \\text{ cm}", out.get(0).get("answer").asText());
        assertTrue(out.get(0).get("notes").get(0).asText().contains("units differ"), out.get(0).toString());
    }

    @Test
    void shouldRefuseATimeoutBelowOneMillisecond() {
        CommandLine cli = new CommandLine(new GradeCommand(new ByteArrayInputStream(new byte[0])));
        cli.setErr(new PrintWriter(new StringWriter()));
        assertEquals(2, cli.execute("--timeout-ms", "0"));
    }

    @Test
    void shouldBeASubcommandOfTheCli() {
        assertTrue(new CommandLine(new ThinkmeterCli()).getSubcommands().containsKey("grade"));
    }

    private static List<JsonNode> run(String input, String... args) throws Exception {
        StringWriter written = new StringWriter();
        CommandLine cli = new CommandLine(new GradeCommand(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))));
        cli.setOut(new PrintWriter(written));
        assertEquals(0, cli.execute(args));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : written.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
