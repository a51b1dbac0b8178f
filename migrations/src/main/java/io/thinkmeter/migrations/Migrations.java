package io.thinkmeter.migrations;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/**
 * Brings a PostgreSQL database to the current Thinkmeter schema with the SQL migrations shipped in
 * this jar ({@code db/migration}). Safe to call at every start: applied migrations are skipped.
 */
public final class Migrations {

    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {}

    /**
     * @return how many migrations this call applied (0 when the schema was already current)
     * @throws org.flywaydb.core.api.FlywayException when a migration fails, or when an applied one was
     *         edited afterwards (its checksum no longer matches): the schema is then left as it was
     */
    public static int migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                // an empty location means a broken jar, not an empty schema
                .failOnMissingLocations(true)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
