package io.thinkmeter.evaluation;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Accuracy against mean generated tokens, one line per method (per level for tldr): the figure that compares ways of
 * controlling thinking at equal spend (a method is better where its line is above another's at the
 * same x). SVG (vector, through XChart's VectorGraphics2D encoder, pure Java) or PNG, by the file's
 * extension.
 */
public final class AccuracyChart {

    private AccuracyChart() {}

    public static void write(Path file, List<ReportRow> rows, String title) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean svg = name.endsWith(".svg");
        if (!svg && !name.endsWith(".png")) {
            throw new IOException("chart file must end in .svg or .png, was " + file);
        }
        // Charts are drawn off screen; a command-line run has no display.
        System.setProperty("java.awt.headless", "true");
        XYChart chart = chart(rows, title);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // XChart's encoders add the extension themselves: pass the name without it.
        String base = file.toString().substring(0, file.toString().length() - 4);
        if (svg) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } else {
            BitmapEncoder.saveBitmapWithDPI(chart, base, BitmapEncoder.BitmapFormat.PNG, 110);
        }
    }

    static XYChart chart(List<ReportRow> rows, String title) {
        XYChart chart = new XYChartBuilder().width(900).height(440).title(title)
                .xAxisTitle("mean generated tokens per problem").yAxisTitle("accuracy (%)").build();
        chart.getStyler().setMarkerSize(7);
        // Outside the plot: with many series (three TLDR models) a legend inside it hides the longest runs.
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        for (Map.Entry<String, List<ReportRow>> e : byMethod(rows).entrySet()) {
            List<ReportRow> points = e.getValue();
            double[] x = points.stream().mapToDouble(ReportRow::meanGeneratedTokens).toArray();
            double[] y = points.stream().mapToDouble(r -> 100 * r.accuracy()).toArray();
            chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** Rows with something decoded, per method (and level), sorted by spend so each line runs left to right. */
    static Map<String, List<ReportRow>> byMethod(List<ReportRow> rows) {
        Map<String, List<ReportRow>> series = new LinkedHashMap<>();
        for (ReportRow r : rows) {
            if (!Double.isNaN(r.meanGeneratedTokens())) {
                String name = r.seriesLabel();
                series.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
            }
        }
        series.values().forEach(l -> l.sort(Comparator.comparingDouble(ReportRow::meanGeneratedTokens)));
        return series;
    }
}
