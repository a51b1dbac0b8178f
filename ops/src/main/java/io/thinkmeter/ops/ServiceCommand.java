package io.thinkmeter.ops;

import io.thinkmeter.storage.DatabaseLogin;
import io.thinkmeter.storage.DatabaseSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code thinkmeter service migrate}: the one-shot jobs of a deployment. The long-running services
 * (ingest, scheduler, workers, sink) are each a Quarkus application of their own module:
 * {@code java -jar MODULE/target/quarkus-app/quarkus-run.jar}.
 */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = "One-shot deployment jobs. The services themselves run as "
                + "java -jar MODULE/target/quarkus-app/quarkus-run.jar (ingest, scheduler, workers, sink).",
        subcommands = {ServiceCommand.Migrate.class})
final class ServiceCommand {

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Set up the roles and the database (least privilege) and migrate its schema as its owner; "
                    + "run once before the services, as a superuser.")
    static final class Migrate implements Callable<Integer> {

        @Option(names = "--jdbc-url", required = true, description = "the database: jdbc:postgresql://host:port/db")
        String jdbcUrl;

        @Option(names = "--superuser", defaultValue = "postgres")
        String superuser;

        @Option(names = "--superuser-password", defaultValue = "${env:THINKMETER_DB_SUPERUSER_PASSWORD}",
                description = "default: the environment's THINKMETER_DB_SUPERUSER_PASSWORD")
        String superuserPassword;

        @Option(names = "--owner-password", defaultValue = "${env:THINKMETER_DB_OWNER_PASSWORD}",
                description = "for thinkmeter_owner; default: the environment's THINKMETER_DB_OWNER_PASSWORD")
        String ownerPassword;

        @Option(names = "--service-password", defaultValue = "${env:THINKMETER_DB_PASSWORD}",
                description = "for thinkmeter_app; default: the environment's THINKMETER_DB_PASSWORD")
        String servicePassword;

        @Override
        public Integer call() {
            if (ownerPassword == null || servicePassword == null) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "the owner's and the services' passwords are needed: --owner-password and --service-password "
                                + "(or THINKMETER_DB_OWNER_PASSWORD and THINKMETER_DB_PASSWORD)");
            }
            DatabaseSetup.ensure(new DatabaseLogin(superuser, superuserPassword), jdbcUrl, ownerPassword,
                    servicePassword);
            String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
            System.out.println("database " + database + " is set up and migrated");
            return 0;
        }
    }
}
