package io.thinkmeter.storage;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

/** A PostgreSQL user name and its password. */
public record DatabaseLogin(String user, String password) {

    /** A new connection per call to the database at {@code jdbcUrl} as this login; pool it in a service. */
    public DataSource dataSource(String jdbcUrl) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    @Override
    public String toString() {
        return "DatabaseLogin[" + user + "]"; // never the password, in logs or messages
    }
}
