package io.thinkmeter.engine;

import io.thinkmeter.engine.decoding.BudgetPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;

/**
 * The stop temperature for a TS request that names none, chosen from its budget. Two sources:
 *
 * <ul>
 *   <li>A calibration ({@link #fromCalibration}): the measured thinking lengths per tau of this
 *       model; a budget gets the smallest tau whose 90th-percentile thinking fits its thinking cap,
 *       so the model is pushed to stop early only as much as the budget requires.</li>
 *   <li>A fixed table ({@link #defaults()}, or the map constructor): the smallest budget threshold
 *       at or above the request's budget gives tau. Used when a model has no calibration.</li>
 * </ul>
 *
 * <p>Defaults, for the tiny model, whose natural thinking is about 30 to 150 tokens: budgets up to
 * 96 get tau 4 (stop at the first moderately likely chance), up to 160 get tau 2, larger ones tau 1
 * (the model is left alone and budget forcing is only a backstop).
 */
public final class StopTemperatureTable {

    private final IntToDoubleFunction byBudget;
    private final String description;

    private StopTemperatureTable(IntToDoubleFunction byBudget, String description) {
        this.byBudget = byBudget;
        this.description = description;
    }

    public StopTemperatureTable(Map<Integer, Double> byMaxBudget) {
        this(thresholds(byMaxBudget), "thresholds " + new TreeMap<>(byMaxBudget));
    }

    private static IntToDoubleFunction thresholds(Map<Integer, Double> byMaxBudget) {
        if (byMaxBudget.isEmpty()) {
            throw new IllegalArgumentException("a stop temperature table needs at least one row");
        }
        byMaxBudget.forEach((budget, tau) -> {
            if (!(tau > 0) || Double.isInfinite(tau)) {
                throw new IllegalArgumentException("stop temperature for budget " + budget + " must be positive, was "
                        + tau);
            }
        });
        NavigableMap<Integer, Double> table = new TreeMap<>(byMaxBudget);
        return budget -> {
            Map.Entry<Integer, Double> row = table.ceilingEntry(budget);
            return row != null ? row.getValue() : table.lastEntry().getValue();
        };
    }

    public static StopTemperatureTable defaults() {
        return new StopTemperatureTable(Map.of(96, 4.0, 160, 2.0, Integer.MAX_VALUE, 1.0));
    }

    /** A tau may cost at most this much accuracy (0 to 1) against the calibration's best to be chosen. */
    public static final double ACCURACY_TOLERANCE = 0.05;

    /**
     * Tau from a calibration: for budget B the thinking cap is C = B - R - F (floored at 0, by
     * {@link BudgetPolicy#thinkingCap}, as budget forcing gets it). Only taus whose calibrated accuracy is within {@link #ACCURACY_TOLERANCE}
     * of the best are candidates: a large enough tau makes a model answer without thinking, whose
     * p90 thinking of 0 "fits" every cap at the price of most answers. The answer is the smallest
     * candidate whose p90 thinking is at most C; when none fits, the candidate with the shortest p90
     * thinking, ties going to the higher accuracy and then the smaller tau (the shortest thinking at
     * an acceptable accuracy; budget forcing cuts the rest).
     *
     * @param answerReserve R, the answer reserve requests get by default
     * @param forcedAnswerLength F, the tokens budget forcing injects at the cap
     */
    public static StopTemperatureTable fromCalibration(List<CalibrationRow> rows, int answerReserve,
                                                       int forcedAnswerLength) {
        if (rows == null || rows.isEmpty()) {
            throw new IllegalArgumentException("a calibration needs at least one row");
        }
        if (answerReserve < 0 || forcedAnswerLength < 0) {
            throw new IllegalArgumentException("answer reserve and forced answer length must be >= 0, got "
                    + answerReserve + " and " + forcedAnswerLength);
        }
        double best = rows.stream().mapToDouble(CalibrationRow::accuracy).max().orElseThrow();
        List<CalibrationRow> byTau = rows.stream()
                .filter(r -> r.accuracy() >= best - ACCURACY_TOLERANCE - 1e-9)
                .sorted(Comparator.comparingDouble(CalibrationRow::tau)).toList();
        double shortest = byTau.stream()
                .min(Comparator.comparingInt(CalibrationRow::thinkingP90)
                        .thenComparing(Comparator.comparingDouble(CalibrationRow::accuracy).reversed())
                        .thenComparingDouble(CalibrationRow::tau))
                .orElseThrow().tau();
        return new StopTemperatureTable(budget -> {
            int cap = BudgetPolicy.thinkingCap(budget, answerReserve, forcedAnswerLength);
            for (CalibrationRow row : byTau) {
                if (row.thinkingP90() <= cap) {
                    return row.tau();
                }
            }
            return shortest;
        }, "calibrated (" + byTau.size() + " taus, reserve " + answerReserve + ", forced answer " + forcedAnswerLength
                + " tokens)");
    }

    /**
     * The table a model's TS requests use: from {@code calibration.json} in its directory when there
     * is one, else {@link #defaults()}.
     *
     * @throws UncheckedIOException when the file exists but is unreadable or measured another model:
     *     serving with a silently ignored calibration would be worse than not starting
     */
    public static StopTemperatureTable forModel(ReasonerModel model) {
        return forModelDirectory(model.directory(), model.descriptor().name(),
                model.descriptor().defaultAnswerReserve(), model.specialTokens().forcedAnswer().length);
    }

    static StopTemperatureTable forModelDirectory(Path directory, String modelName, int answerReserve,
                                                  int forcedAnswerLength) {
        Path file = directory.resolve(CalibrationFile.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        try {
            CalibrationFile calibration = CalibrationFile.read(file);
            if (!calibration.model().equals(modelName)) {
                throw new IOException(file + " was measured on model '" + calibration.model() + "', not '"
                        + modelName + "'");
            }
            return fromCalibration(calibration.rows(), answerReserve, forcedAnswerLength);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public double forBudget(int budget) {
        return byBudget.applyAsDouble(budget);
    }

    /** Where the taus come from, for logs. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "StopTemperatureTable[" + description + "]";
    }
}
