package io.thinkmeter.evaluation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

/**
 * Writes evaluation verdicts into the platform's {@code results.correct} column, which stays null
 * until someone grades the result: from then on SQL over stored results (per tenant, pool, method)
 * can report accuracy next to spend.
 */
public final class CorrectnessStore {

    private final DataSource database;

    public CorrectnessStore(DataSource database) {
        this.database = database;
    }

    /**
     * @param correctByRequestId verdicts by request id
     * @return rows updated; fewer than given means some results are not stored (yet)
     */
    public int store(Map<String, Boolean> correctByRequestId) throws SQLException {
        if (correctByRequestId.isEmpty()) {
            return 0;
        }
        try (Connection c = database.getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE results SET correct = ? WHERE request_id = ?")) {
            c.setAutoCommit(false);
            for (Map.Entry<String, Boolean> e : correctByRequestId.entrySet()) {
                update.setBoolean(1, e.getValue());
                update.setString(2, e.getKey());
                update.addBatch();
            }
            int updated = 0;
            for (int n : update.executeBatch()) {
                updated += Math.max(0, n);
            }
            c.commit();
            return updated;
        }
    }
}
