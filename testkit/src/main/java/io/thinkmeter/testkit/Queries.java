package io.thinkmeter.testkit;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One-line SQL for tests that count rows after a fault: a statement, a number, a text. */
public final class Queries {

    private Queries() {}

    public static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of the first row as a number (0 when there is no row is not assumed: it fails). */
    public static long count(DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = prepared(c, sql, args);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("no row from: " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** The first column of the first row as text, or null when there is no row. */
    public static String text(DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = prepared(c, sql, args);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static PreparedStatement prepared(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
