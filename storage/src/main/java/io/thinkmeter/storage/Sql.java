package io.thinkmeter.storage;

import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.WireName;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Binds the contracts' nullable and non-JDBC values (Instant, Pool, boxed numbers). */
final class Sql {

    private Sql() {}

    static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        // the driver maps OffsetDateTime, not Instant, to timestamptz
        ps.setObject(index, value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    static void setPool(PreparedStatement ps, int index, Pool pool) throws SQLException {
        ps.setString(index, pool == null ? null : pool.wireName());
    }

    static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    /**
     * PostgreSQL text cannot hold U+0000, which a byte-level model can emit and JSON can carry; it
     * becomes U+FFFD (the replacement character) rather than failing the whole write and losing the row.
     */
    static void setText(PreparedStatement ps, int index, String value) throws SQLException {
        ps.setString(index, withoutNul(value));
    }

    static String withoutNul(String value) {
        return value == null || value.indexOf(0) < 0 ? value : value.replace((char) 0, (char) 0xFFFD);
    }

    /**
     * An identifier (an id, a tenant, a method) is matched and joined on, so it is never altered to fit
     * the way content text is: one holding U+0000, which PostgreSQL text cannot store, or an unpaired
     * surrogate, which UTF-8 cannot encode (the driver would send '?'), is refused instead.
     */
    static void requireStorableIdentifier(String value, String field, String of) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException(of + " has U+0000 in " + field + ", which PostgreSQL text cannot hold");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(of + " has an unpaired surrogate in " + field
                        + ", which UTF-8 cannot encode");
            }
        }
    }

    static <V> V requirePresent(V value, String field, String of) {
        if (value == null) {
            throw new IllegalArgumentException(of + " has no " + field + "; storage needs it to file the row");
        }
        return value;
    }

    /** The wire name as a string literal, for a name the contract fixes (a request state) written into a statement. */
    static String literal(WireName name) {
        return literal(name.wireName());
    }

    static String requireText(String value, String field, String of) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(of + " has no " + field + "; storage needs it to file the row");
        }
        return value;
    }

    /** A string literal for statements that take no parameters (CREATE ROLE ... PASSWORD): quotes doubled. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
