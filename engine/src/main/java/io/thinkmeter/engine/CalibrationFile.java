package io.thinkmeter.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.thinkmeter.contracts.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code calibration.json} in a model directory: the stop-temperature calibration that
 * {@code thinkmeter calibrate} measured for that model, read by workers and {@code thinkmeter decode}
 * to choose tau for TS requests that name none (see {@link StopTemperatureTable#fromCalibration}).
 *
 * @param model the model's name from reasoner.json; a file measured on another model is refused
 * @param dataset what it was measured on (file and how many problems)
 * @param budget the budget every calibration request had (large, so the cap did not bind)
 * @param measuredAt when, ISO-8601
 * @param rows one per tau
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CalibrationFile(String model, String dataset, int budget, String measuredAt, List<CalibrationRow> rows) {

    public static final String FILE_NAME = "calibration.json";

    /** Reads and checks a calibration file; the message names the file when it is unusable. */
    public static CalibrationFile read(Path file) throws IOException {
        CalibrationFile c;
        try {
            c = Json.forServices().readValue(Files.readAllBytes(file), CalibrationFile.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + " is not a usable calibration file: " + e.getMessage(), e);
        }
        if (c == null || c.rows() == null || c.rows().isEmpty()) {
            throw new IOException(file + " is not a usable calibration file: it has no rows");
        }
        if (c.model() == null || c.model().isBlank()) {
            throw new IOException(file + " is not a usable calibration file: it names no model");
        }
        return c;
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, Json.forFiles().writeValueAsString(this) + "\n");
    }
}
