package io.thinkmeter.evaluation;

import static io.thinkmeter.evaluation.Outcomes.decoded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.StopReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

class AccuracyChartTest {

    private final List<ReportRow> rows = EvalReport.rows(List.of(
            decoded("none", 96, null, 40, 60, true), decoded("none", 48, null, 30, 48, false),
            decoded("ts", 48, 4.0, 10, 20, true), decoded("ts", 96, 2.0, 20, 30, true)));

    @Test
    void shouldDrawOneLinePerMethodAndTauFromLeftToRight() {
        var series = AccuracyChart.byMethod(rows);
        assertEquals(List.of("none", "ts tau 4", "ts tau 2"), List.copyOf(series.keySet()));
        assertEquals(List.of(48.0, 60.0), series.get("none").stream().map(ReportRow::meanGeneratedTokens).toList());
    }

    @Test
    void tldrGetsOneLinePerLevel() {
        var series = AccuracyChart.byMethod(EvalReport.rows(List.of(
                new Outcome("p", null, "1", "1", true, Method.TLDR, Level.SHORT, 96, null, 16, 10, 30, 10, 0, 40,
                        StopReason.NATURAL, null),
                new Outcome("p", null, "1", "1", true, Method.TLDR, Level.LONG, 96, null, 16, 10, 50, 10, 0, 60,
                        StopReason.NATURAL, null))));
        assertEquals(List.of("tldr short", "tldr long"), List.copyOf(series.keySet()));
    }

    @Test
    void shouldWriteAnSvgAndAPng(@TempDir Path dir) throws IOException {
        Path svg = dir.resolve("chart.svg");
        AccuracyChart.write(svg, rows, "test");
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg"), text.substring(0, Math.min(200, text.length())));
        assertTrue(text.contains("<path"), "drawn as vector paths");

        Path png = dir.resolve("chart.png");
        AccuracyChart.write(png, rows, "test");
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 4);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head);
        assertEquals(List.of("chart.png", "chart.svg"), Files.list(dir).map(p -> p.getFileName().toString()).sorted()
                .toList(), "no doubled extension");
    }

    @Test
    void shouldRefuseOtherFormats(@TempDir Path dir) {
        assertThrows(IOException.class, () -> AccuracyChart.write(dir.resolve("chart.pdf"), rows, "test"));
    }
}
