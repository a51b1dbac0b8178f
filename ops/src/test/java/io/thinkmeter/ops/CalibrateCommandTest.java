package io.thinkmeter.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.evaluation.CalibrationStore;
import io.thinkmeter.testkit.EmbeddedPostgres;
import io.thinkmeter.engine.CalibrationFile;
import io.thinkmeter.engine.CalibrationRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** {@code thinkmeter calibrate} on 10 problems of the tiny model, into a file and a real PostgreSQL. */
class CalibrateCommandTest {

    @Test
    void shouldWriteTheFileAndTheTableWithOneRowPerTau(@TempDir Path dir) throws Exception {
        Path model = TestModels.tinyReasoner();
        Path file = dir.resolve("calibration.json");
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            pg.database("calibration");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(new ThinkmeterCli());
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            int rc = cli.execute("calibrate", "--model", model.toString(), "--dataset",
                    model.resolve("eval.jsonl").toString(), "--limit", "10", "--taus", "1,4", "--file", file.toString(),
                    "--jdbc-url", pg.jdbcUrl("calibration"), "--db-user", EmbeddedPostgres.SUPERUSER,
                    "--db-password", pg.superuserPassword());
            assertEquals(0, rc, err.toString());

            CalibrationFile calibration = CalibrationFile.read(file);
            assertEquals("tiny-reasoner", calibration.model());
            assertTrue(calibration.budget() > 400, "the context less the longest prompt: " + calibration.budget());
            List<CalibrationRow> rows = calibration.rows();
            assertEquals(List.of(1.0, 4.0), rows.stream().map(CalibrationRow::tau).toList());
            rows.forEach(r -> assertEquals(10, r.n()));
            // On the first, easiest problems tau changes little; it never makes thinking longer.
            assertTrue(rows.get(0).thinkingP90() >= rows.get(1).thinkingP90(), "a higher tau stops sooner: " + rows);

            CalibrationStore store = new CalibrationStore(pg.dataSource("calibration"));
            assertEquals(rows, store.load("tiny-reasoner"));
            assertTrue(out.toString().contains("tau chosen per budget"), out.toString());

            // A new measurement replaces the old one.
            CalibrationRow again = new CalibrationRow(4.0, 3, 1.0, 5.0, 6, 7);
            store.save("tiny-reasoner", List.of(again), Instant.now());
            assertEquals(List.of(rows.get(0), again), store.load("tiny-reasoner"));
        }
    }
}
