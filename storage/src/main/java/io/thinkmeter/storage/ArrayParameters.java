package io.thinkmeter.storage;

import io.thinkmeter.contracts.WireName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Binds many rows to one statement as one array per column, for
 * {@code INSERT ... SELECT ... FROM unnest(?::text[], ?::int4[], ...)}: PostgreSQL then inserts a
 * whole poll in one statement, which costs it far less than one statement per row in a JDBC batch
 * (each of which is bound, planned from the cache and executed on its own). The SQL casts each
 * parameter to its column's array type; instants travel as ISO-8601 text and are parsed by the server.
 *
 * @param <T> the row type
 */
final class ArrayParameters<T> {

    private final Connection connection;
    private final PreparedStatement statement;
    private final List<T> rows;
    private int index;

    ArrayParameters(Connection connection, PreparedStatement statement, List<T> rows) {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
    }

    /** Bind as {@code ?::text[]}. */
    ArrayParameters<T> text(Function<T, String> column) throws SQLException {
        return bind("text", String.class, column);
    }

    /**
     * Text that is content, not an identifier (a problem, thinking, an answer, a reason), as
     * {@code ?::text[]}: U+0000 becomes U+FFFD, as {@link Sql#setText} does.
     */
    ArrayParameters<T> freeText(Function<T, String> column) throws SQLException {
        return bind("text", String.class, r -> Sql.withoutNul(column.apply(r)));
    }

    /** Bind as {@code ?::int4[]}. */
    ArrayParameters<T> int4(Function<T, Integer> column) throws SQLException {
        return bind("int4", Integer.class, column);
    }

    /** Bind as {@code ?::int8[]}. */
    ArrayParameters<T> int8(Function<T, Long> column) throws SQLException {
        return bind("int8", Long.class, column);
    }

    /** Bind as {@code ?::float8[]}. */
    ArrayParameters<T> float8(Function<T, Double> column) throws SQLException {
        return bind("float8", Double.class, column);
    }

    /** Bind as {@code ?::timestamptz[]} (sent as text the server parses). */
    ArrayParameters<T> instant(Function<T, Instant> column) throws SQLException {
        return bind("text", String.class, r -> {
            Instant value = column.apply(r);
            return value == null ? null : TIMESTAMP.format(value.atOffset(ZoneOffset.UTC));
        });
    }

    /**
     * PostgreSQL's own form, {@code 2026-03-02 10:00:00.123456+00}. Not ISO-8601's, whose sign before a
     * year past 9999 ({@code +300000-01-01T00:00:00Z}) the server reads as a time zone and refuses with
     * a misleading "time zone displacement out of range" rather than "timestamp out of range".
     */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4, 10, SignStyle.NORMAL)
            .appendPattern("-MM-dd HH:mm:ss.SSSSSS")
            .appendLiteral("+00")
            .toFormatter(Locale.ROOT);

    /** Bind as {@code ?::date[]} (sent as ISO text the server parses). */
    ArrayParameters<T> date(Function<T, java.time.LocalDate> column) throws SQLException {
        return bind("text", String.class, r -> {
            java.time.LocalDate value = column.apply(r);
            return value == null ? null : value.toString();
        });
    }

    /** Bind as {@code ?::numeric[]} (sent as plain decimal text, so the exact value and scale arrive). */
    ArrayParameters<T> numeric(Function<T, java.math.BigDecimal> column) throws SQLException {
        return bind("text", String.class, r -> {
            java.math.BigDecimal value = column.apply(r);
            return value == null ? null : value.toPlainString();
        });
    }

    /** Bind as {@code ?::text[]} of wire names (a pool, a method, a stop reason). */
    ArrayParameters<T> name(Function<T, ? extends WireName> column) throws SQLException {
        return bind("text", String.class, r -> {
            WireName value = column.apply(r);
            return value == null ? null : value.wireName();
        });
    }

    private <V> ArrayParameters<T> bind(String elementType, Class<V> elementClass, Function<T, ? extends V> column)
            throws SQLException {
        // a typed array (String[], Integer[]), which the driver encodes without guessing at each element
        @SuppressWarnings("unchecked")
        V[] values = (V[]) java.lang.reflect.Array.newInstance(elementClass, rows.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        statement.setArray(++index, connection.createArrayOf(elementType, values));
        return this;
    }
}
