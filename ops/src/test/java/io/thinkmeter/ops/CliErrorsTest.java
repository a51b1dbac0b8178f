package io.thinkmeter.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The command line's error convention, run in-process as {@code main} runs it: every bad input is one
 * line on stderr naming the input, no stack trace (unless {@code --verbose}); exit 2 for bad usage, 1
 * for a failed run. The rows of the table in ops/README.md, "Errors".
 */
class CliErrorsTest {

    private static final int USAGE = 2;
    private static final int FAILED = 1;

    private record Run(int exitCode, String out, String err) {

        /** The error line; fails unless stderr holds exactly one line and no trace of a stack. */
        String oneLine() {
            List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "one line on stderr: " + err);
            assertFalse(err.contains("at io."), err);
            assertFalse(err.contains("Exception"), err);
            return lines.get(0);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ThinkmeterCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int rc = cli.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    private static Run runWithStdin(byte[] stdin, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            return run(args);
        } finally {
            System.setIn(before);
        }
    }

    private static void assertRow(Run r, int exitCode, String... named) {
        String line = r.oneLine();
        assertEquals(exitCode, r.exitCode(), line);
        for (String n : named) {
            assertTrue(line.contains(n), "names " + n + ": " + line);
        }
    }

    @Test
    void decodeRefusesAnEmptyProblem() {
        assertRow(run("decode", ""), USAGE, "thinkmeter decode: PROBLEM is required");
    }

    @Test
    void decodeSaysWhichModelDirectoryIsMissing(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-model");
        assertRow(run("decode", "--model", missing.toString(), "Compute 2 + 2."), FAILED, "no reasoner.json",
                missing.toString());
    }

    @Test
    void decodeSaysWhichModelFileIsCorrupt(@TempDir Path dir) throws Exception {
        Path tiny = TestModels.tinyReasoner();
        Path corrupt = Files.createDirectory(dir.resolve("corrupt"));
        for (String file : List.of("reasoner.json", "tokenizer.json")) {
            Files.copy(tiny.resolve(file), corrupt.resolve(file));
        }
        Files.writeString(corrupt.resolve("model.onnx"), "this is a text file, not an ONNX model\n");
        assertRow(run("decode", "--model", corrupt.toString(), "Compute 2 + 2."), FAILED,
                corrupt.resolve("model.onnx").toString());
    }

    @Test
    void decodeRunsABudgetBelowTheDefaultReserveForEveryMethod() {
        Path tiny = TestModels.tinyReasoner();
        for (String method : List.of("none", "budget-forcing", "ts", "tldr")) {
            Run r = run("decode", "--model", tiny.toString(), "--method", method, "--budget", "12", "--json",
                    "Compute 2 + 2.");
            assertEquals(0, r.exitCode(), method + ": " + r.err());
            assertEquals("", r.err(), method);
        }
    }

    @Test
    void decodeRefusesAReserveThatDoesNotFitTheBudgetByTheRulesIngestApplies() {
        assertRow(run("decode", "--answer-reserve", "20", "--budget", "16", "Compute 2 + 2."), USAGE,
                "--answer-reserve must be at least 1 and less than the budget (16), was 20");
        assertRow(run("decode", "--budget", "0", "Compute 2 + 2."), USAGE, "--budget must be between 1 and");
        assertRow(run("decode", "--method", "ts", "--stop-temperature", "NaN", "Compute 2 + 2."), USAGE,
                "--stop-temperature must be a positive number, was NaN");
        assertRow(run("decode", "--method", "fast", "Compute 2 + 2."), USAGE, "--method must be one of");
        assertRow(run("decode", "--temperature", "11", "Compute 2 + 2."), USAGE,
                "--temperature must be between 0 and 10");
    }

    @Test
    void decodeRefusesTextThatIsNotUtf8() {
        // what the JVM hands over for an argument whose bytes are not UTF-8
        assertRow(run("decode", "Compute \uFFFD\uFFFD 2 + 2."), USAGE, "PROBLEM is not valid UTF-8", "character 8");
        byte[] latin1 = {'C', 'o', 'm', 'p', 'u', 't', 'e', ' ', (byte) 0xff, ' ', '2', '+', '2'};
        assertRow(runWithStdin(latin1, "decode", "-"), USAGE, "standard input is not valid UTF-8: byte 8 (0xff)");
    }

    @Test
    void decodeReadsUtf8FromStandardInput() {
        Path tiny = TestModels.tinyReasoner();
        Run r = runWithStdin("Compute 478 + 356.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "decode",
                "--model", tiny.toString(), "--budget", "96", "--json", "-");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void evalRefusesInvalidParametersBeforeReadingOrDecodingAnything(@TempDir Path dir) {
        // neither the data set nor the model exists: refused for the parameter, not for the missing files
        String dataset = dir.resolve("absent.jsonl").toString();
        String model = dir.resolve("absent-model").toString();
        assertRow(run("eval", "--model", model, "--dataset", dataset, "--method", "ts", "--budget", "48",
                "--stop-temperature", "NaN"), USAGE,
                "thinkmeter eval: --stop-temperature must be a positive number, was NaN");
        assertRow(run("eval", "--model", model, "--dataset", dataset, "--method", "tldr", "--budget", "48",
                "--level", "huge"), USAGE, "--level must be one of short, medium, long; was 'huge'");
        assertRow(run("eval", "--model", model, "--dataset", dataset, "--method", "none", "--budget", "0"), USAGE,
                "--budget must be between 1 and");
        assertRow(run("eval", "--model", model, "--dataset", dataset, "--method", "none", "--budget", "16",
                "--answer-reserve", "16"), USAGE, "--answer-reserve must be at least 1 and less than the budget (16)");
        assertRow(run("eval", "--model", model, "--dataset", dataset, "--method", "none", "--budget", "16",
                "--batch-size", "0"), USAGE, "--batch-size must be at least 1");
    }

    @Test
    void evalSaysWhichDataSetIsMissing(@TempDir Path dir) {
        Path dataset = dir.resolve("absent.jsonl");
        assertRow(run("eval", "--dataset", dataset.toString(), "--method", "none", "--budget", "48"), FAILED,
                dataset.toString());
    }

    @Test
    void calibrateRefusesInvalidParametersBeforeDecodingAnything(@TempDir Path dir) {
        String dataset = dir.resolve("absent.jsonl").toString();
        String model = dir.resolve("absent-model").toString();
        assertRow(run("calibrate", "--model", model, "--dataset", dataset, "--taus", "1,NaN"), USAGE,
                "thinkmeter calibrate: --taus must be positive numbers");
        assertRow(run("calibrate", "--model", model, "--dataset", dataset, "--budget", "0"), USAGE,
                "--budget must be between 1 and");
        assertRow(run("calibrate", "--model", model, "--dataset", dataset, "--limit", "0"), USAGE,
                "--limit must be at least 1");
    }

    @Test
    void badUsageOfAnyKindIsOneLine() {
        assertRow(run("decode", "--budget", "lots", "Compute 2 + 2."), USAGE, "--budget", "lots");
        assertRow(run("decode", "--no-such-option", "Compute 2 + 2."), USAGE, "--no-such-option");
        assertRow(run("decode"), USAGE, "PROBLEM");
        assertRow(run("no-such-command"), USAGE, "no-such-command");
    }

    @Test
    void verbosePrintsTheStackTraceAfterTheLineInAnyPosition(@TempDir Path dir) {
        String missing = dir.resolve("no-such-model").toString();
        for (String[] args : List.of(new String[] {"--verbose", "decode", "--model", missing, "x"},
                new String[] {"decode", "--model", missing, "--verbose", "x"})) {
            Run r = run(args);
            assertEquals(FAILED, r.exitCode(), Arrays.toString(args));
            assertTrue(r.err().startsWith("thinkmeter decode: no reasoner.json"), r.err());
            assertTrue(r.err().contains("at io.thinkmeter."), "the stack trace: " + r.err());
        }
        Run usage = run("decode", "--verbose", "--budget", "0", "x");
        assertEquals(USAGE, usage.exitCode());
        assertTrue(usage.err().contains("at io.thinkmeter."), usage.err());
    }
}
