package io.thinkmeter.evaluation;

import io.thinkmeter.engine.CalibrationRow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * The {@code stop_temperature_calibration} table (migration V6): one row per model and tau; a new
 * measurement replaces the old one, so the table always holds the latest calibration of each model.
 */
public final class CalibrationStore {

    private final DataSource database;

    public CalibrationStore(DataSource database) {
        this.database = database;
    }

    public void save(String model, List<CalibrationRow> rows, Instant measuredAt) throws SQLException {
        try (Connection c = database.getConnection();
             PreparedStatement upsert = c.prepareStatement("""
                     INSERT INTO stop_temperature_calibration
                         (model, tau, n, accuracy, thinking_p50, thinking_p90, thinking_max, measured_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                     ON CONFLICT (model, tau) DO UPDATE SET n = EXCLUDED.n, accuracy = EXCLUDED.accuracy,
                         thinking_p50 = EXCLUDED.thinking_p50, thinking_p90 = EXCLUDED.thinking_p90,
                         thinking_max = EXCLUDED.thinking_max, measured_at = EXCLUDED.measured_at
                     """)) {
            c.setAutoCommit(false);
            for (CalibrationRow r : rows) {
                upsert.setString(1, model);
                upsert.setDouble(2, r.tau());
                upsert.setInt(3, r.n());
                upsert.setDouble(4, r.accuracy());
                upsert.setDouble(5, r.thinkingP50());
                upsert.setInt(6, r.thinkingP90());
                upsert.setInt(7, r.thinkingMax());
                upsert.setTimestamp(8, Timestamp.from(measuredAt));
                upsert.addBatch();
            }
            upsert.executeBatch();
            c.commit();
        }
    }

    /** The model's calibration, ascending tau. */
    public List<CalibrationRow> load(String model) throws SQLException {
        List<CalibrationRow> rows = new ArrayList<>();
        try (Connection c = database.getConnection();
             PreparedStatement q = c.prepareStatement("""
                     SELECT tau, n, accuracy, thinking_p50, thinking_p90, thinking_max
                     FROM stop_temperature_calibration WHERE model = ? ORDER BY tau""")) {
            q.setString(1, model);
            try (var rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(new CalibrationRow(rs.getDouble(1), rs.getInt(2), rs.getDouble(3), rs.getDouble(4),
                            rs.getInt(5), rs.getInt(6)));
                }
            }
        }
        return rows;
    }
}
