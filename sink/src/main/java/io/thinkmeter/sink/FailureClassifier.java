package io.thinkmeter.sink;

import java.sql.SQLException;
import java.util.Set;

/**
 * Sorts a failed write in two, by Kafka Connect's rule (KIP-298): a failure about the data, which no
 * retry can mend, so the record goes to the dead-letter topic; and every other failure, which is about
 * the database or the network and is retried until it passes, so that good records are never
 * dead-lettered because PostgreSQL was down.
 *
 * <p>About the data: SQLState class 22 (data exception: text PostgreSQL cannot hold, a timestamp out of
 * range), 23 (integrity constraint violation) and 54 (program limit exceeded: a value too large to
 * index), and our own {@link IllegalArgumentException} checks that refuse a record before it is
 * written. Everything else is retriable: class 08 (connection), 53 (insufficient resources), 57P0x
 * (the server shutting down), 40001 and 40P01 (serialization failure, deadlock), and anything not
 * recognised, such as a bug of ours, which must not turn good records into dead letters.
 */
public final class FailureClassifier {

    public enum Kind {
        /** This record can never be written: dead-letter it and move on. */
        DATA,
        /** The write may pass later: roll back, wait, and try the same records again. */
        RETRIABLE
    }

    private static final Set<String> DATA_CLASSES = Set.of("22", "23", "54");

    private FailureClassifier() {}

    public static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sqlState(sql);
                return state != null && state.length() == 5 && DATA_CLASSES.contains(state.substring(0, 2))
                        ? Kind.DATA : Kind.RETRIABLE;
            }
            if (t instanceof IllegalArgumentException) {
                return Kind.DATA;
            }
        }
        return Kind.RETRIABLE;
    }

    /**
     * The failure in one line, for a dead letter's reason and the log: the database's own message (the
     * driver's batch wrapper, which repeats the statement with its values, is skipped).
     */
    public static String describe(Throwable failure) {
        Throwable shown = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                shown = sql.getNextException() != null ? sql.getNextException() : sql;
                break;
            }
            if (t instanceof IllegalArgumentException) {
                shown = t;
                break;
            }
        }
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        return message.strip().replaceAll("\\s+", " ");
    }

    /** A batch wrapper may carry no state of its own; the failure it wraps does. */
    private static String sqlState(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }
}
