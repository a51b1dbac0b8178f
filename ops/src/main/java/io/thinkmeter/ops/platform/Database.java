package io.thinkmeter.ops.platform;

import io.thinkmeter.storage.DatabaseLogin;

/**
 * The platform's PostgreSQL, however it runs ({@link Servers}). Every start makes sure of the roles, the
 * database and the schema ({@link io.thinkmeter.storage.DatabaseSetup#ensure}), so the services' login works.
 */
public interface Database extends Supervised {

    /** The platform's database on the server. */
    String NAME = "thinkmeter";

    /** {@code jdbc:postgresql://host:port/thinkmeter}: the same before and after a restart. */
    String jdbcUrl();

    /** A superuser's login, for tests and operators (never the services). */
    DatabaseLogin superuser();
}
