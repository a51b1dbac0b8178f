package io.thinkmeter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class StopTemperatureTableTest {

    /** p90 thinking falls as tau rises, as it does for the tiny model. */
    private static final List<CalibrationRow> CALIBRATION = List.of(
            new CalibrationRow(4.0, 200, 0.93, 30, 40, 55),
            new CalibrationRow(1.0, 200, 0.97, 70, 100, 140),
            new CalibrationRow(2.0, 200, 0.95, 50, 70, 90));
    private static final int RESERVE = 16;
    private static final int FORCED = 4;

    @Test
    void shouldPickTheSmallestThresholdAtOrAboveTheBudget() {
        StopTemperatureTable table = StopTemperatureTable.defaults();
        assertEquals(4.0, table.forBudget(40));
        assertEquals(4.0, table.forBudget(96));
        assertEquals(2.0, table.forBudget(97));
        assertEquals(1.0, table.forBudget(400));
    }

    @Test
    void shouldUseTheLargestRowBeyondTheTable() {
        assertEquals(3.0, new StopTemperatureTable(Map.of(64, 3.0)).forBudget(1000));
    }

    @Test
    void shouldRefuseNonPositiveTemperatures() {
        assertThrows(IllegalArgumentException.class, () -> new StopTemperatureTable(Map.of(64, 0.0)));
    }

    @Test
    void shouldPickTheSmallestTauWhoseP90FitsTheThinkingCapExactlyAtItsBoundaries() {
        StopTemperatureTable table = StopTemperatureTable.fromCalibration(CALIBRATION, RESERVE, FORCED);
        // cap = B - 16 - 4: tau 1 fits from cap 100 (B 120), tau 2 from cap 70 (B 90), tau 4 from cap 40 (B 60)
        assertEquals(1.0, table.forBudget(120));
        assertEquals(1.0, table.forBudget(500));
        assertEquals(2.0, table.forBudget(119));
        assertEquals(2.0, table.forBudget(90));
        assertEquals(4.0, table.forBudget(89));
        assertEquals(4.0, table.forBudget(60));
    }

    @Test
    void shouldFallBackToTheShortestThinkingAcceptableTauWhenNoneFits() {
        StopTemperatureTable table = StopTemperatureTable.fromCalibration(CALIBRATION, RESERVE, FORCED);
        assertEquals(4.0, table.forBudget(59));
        assertEquals(4.0, table.forBudget(10), "a cap below zero is floored at 0 and nothing fits");
    }

    @Test
    void shouldNeverPickATauThatCostsMoreThanFivePointsOfAccuracy() {
        List<CalibrationRow> withCollapse = new java.util.ArrayList<>(CALIBRATION);
        withCollapse.add(new CalibrationRow(8.0, 200, 0.05, 0, 0, 3));
        withCollapse.add(new CalibrationRow(6.0, 200, 0.91, 20, 30, 40));
        StopTemperatureTable table = StopTemperatureTable.fromCalibration(withCollapse, RESERVE, FORCED);
        assertEquals(4.0, table.forBudget(60));
        assertEquals(4.0, table.forBudget(30), "6 costs 6 points and 8 collapses: 4 is the most aggressive allowed");
    }

    @Test
    void shouldPreferTheMoreAccurateOfTausThatThinkAsLittle() {
        // the tiny model's shape: 2, 4 and 6 all stop at the first chance; 6 costs two points
        List<CalibrationRow> plateau = List.of(
                new CalibrationRow(1.0, 603, 0.965, 61, 109, 141),
                new CalibrationRow(2.0, 603, 0.965, 45, 71, 95),
                new CalibrationRow(4.0, 603, 0.965, 45, 71, 95),
                new CalibrationRow(6.0, 603, 0.945, 45, 71, 95),
                new CalibrationRow(8.0, 603, 0.42, 0, 65, 95));
        StopTemperatureTable table = StopTemperatureTable.fromCalibration(plateau, RESERVE, FORCED);
        assertEquals(2.0, table.forBudget(48));
        assertEquals(2.0, table.forBudget(96));
        assertEquals(1.0, table.forBudget(130));
    }

    @Test
    void shouldRefuseAnEmptyCalibration() {
        assertThrows(IllegalArgumentException.class, () -> StopTemperatureTable.fromCalibration(List.of(), 16, 4));
    }

    @Test
    void shouldUseTheModelDirectorysCalibrationWhenPresentAndTheDefaultsOtherwise(@TempDir Path dir) throws Exception {
        assertEquals(StopTemperatureTable.defaults().forBudget(100),
                StopTemperatureTable.forModelDirectory(dir, "tiny", RESERVE, FORCED).forBudget(100));

        new CalibrationFile("tiny", "eval.jsonl (first 200 problems)", 480, "2026-11-21T12:00:00Z", CALIBRATION)
                .write(dir.resolve(CalibrationFile.FILE_NAME));
        StopTemperatureTable table = StopTemperatureTable.forModelDirectory(dir, "tiny", RESERVE, FORCED);
        assertEquals(1.0, table.forBudget(130), "the defaults give 2.0 at 130, the calibration 1.0");
        assertTrue(table.description().startsWith("calibrated (3 taus"), table.description());
    }

    @Test
    void shouldRoundTripTheCalibrationFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(CalibrationFile.FILE_NAME);
        CalibrationFile written = new CalibrationFile("tiny", "eval.jsonl", 480, "2026-11-21T12:00:00Z", CALIBRATION);
        written.write(file);
        assertEquals(written, CalibrationFile.read(file));
        assertTrue(Files.readString(file).contains("\"thinking_p90\" : 40"), Files.readString(file));
    }

    @Test
    void shouldRefuseACalibrationOfAnotherModelOrABrokenFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(CalibrationFile.FILE_NAME);
        new CalibrationFile("other", "eval.jsonl", 480, "2026-11-21T12:00:00Z", CALIBRATION).write(file);
        UncheckedIOException other = assertThrows(UncheckedIOException.class,
                () -> StopTemperatureTable.forModelDirectory(dir, "tiny", RESERVE, FORCED));
        assertTrue(other.getMessage().contains("measured on model 'other', not 'tiny'"), other.getMessage());

        Files.writeString(file, "{\"model\": \"tiny\", \"rows\": [{\"tau\": 0, \"n\": 5, \"thinking_p90\": 1, \"thinking_max\": 2}]}");
        UncheckedIOException broken = assertThrows(UncheckedIOException.class,
                () -> StopTemperatureTable.forModelDirectory(dir, "tiny", RESERVE, FORCED));
        assertTrue(broken.getMessage().contains("is not a usable calibration file"), broken.getMessage());
    }
}
