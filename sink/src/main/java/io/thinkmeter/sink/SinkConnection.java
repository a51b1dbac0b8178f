package io.thinkmeter.sink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;

/**
 * The sink's one JDBC connection, kept open across polls (a connection per write cost more than the
 * write), opened on first use and replaced after a failure: a connection that saw a retriable failure
 * may be broken, and opening a fresh one on the next try is how the sink reconnects.
 */
final class SinkConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkConnection.class);
    /**
     * A server that stops answering (a network partition, a hung disk) would otherwise hold the sink
     * forever; this is far longer than any poll's write takes.
     */
    private static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(60);

    private final DataSource dataSource;
    private Connection connection;

    SinkConnection(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The open connection, with auto-commit off; opens one when there is none. */
    Connection get() throws SQLException {
        if (connection == null) {
            Connection c = dataSource.getConnection();
            try {
                c.setAutoCommit(false);
                setNetworkTimeout(c);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(c);
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    /** Closes the connection; the next {@link #get()} opens a new one. */
    void discard() {
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
        }
    }

    @Override
    public void close() {
        discard();
    }

    private static void setNetworkTimeout(Connection c) throws SQLException {
        try {
            // the executor is for drivers that abort asynchronously; PostgreSQL's sets a socket timeout
            c.setNetworkTimeout(Runnable::run, (int) NETWORK_TIMEOUT.toMillis());
        } catch (SQLFeatureNotSupportedException e) {
            LOG.debug("this JDBC driver has no network timeout; a hung server can hold the sink", e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing a broken connection failed, as broken connections do", e);
        }
    }
}
