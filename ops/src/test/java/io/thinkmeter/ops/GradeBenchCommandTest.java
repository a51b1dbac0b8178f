package io.thinkmeter.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code thinkmeter bench grade} runs on a tiny set and says which sets it skipped; no timing is asserted. */
class GradeBenchCommandTest {

    @Test
    void shouldGradeEveryKindOfPairAndSkipAbsentSets(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("math500"));
        Files.writeString(dir.resolve("math500/test.jsonl"), """
                {"problem": "p", "answer": "\\\\frac{1}{2}"}
                {"problem": "p", "answer": "(3, 4)"}
                {"problem": "p", "answer": "12"}
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ThinkmeterCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int rc = cli.execute("bench", "grade", "--datasets", dir.toString(), "--warm-up", "1");

        assertEquals(0, rc, err.toString());
        assertTrue(err.toString().contains("olympiadbench skipped"), err.toString());
        assertTrue(out.toString().startsWith("3 golds (math500 3)"), out.toString());
        assertTrue(out.toString().contains("| gold, boxed | 3 | 3 |"), out.toString());
        assertTrue(out.toString().contains("| next gold, boxed | 3 | 0 |"), out.toString());
        assertTrue(out.toString().contains("| gold, prose | 3 | 3 |"), out.toString());
        assertTrue(out.toString().contains("| all | 9 | 6 |"), out.toString());
    }

    @Test
    void shouldRefuseADirectoryWithoutAnySet(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cli = ThinkmeterCli.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("bench", "grade", "--datasets", dir.toString()), err.toString());
        assertTrue(err.toString().contains("none of math500, olympiadbench, aime24, amc23 is in"), err.toString());
    }
}
