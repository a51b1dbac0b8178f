package io.thinkmeter.ingest;

import io.thinkmeter.storage.ApiKeys;
import io.thinkmeter.storage.Budgets;
import io.thinkmeter.storage.OpenAiBatches;
import io.thinkmeter.storage.OpenAiFiles;
import io.thinkmeter.storage.Prices;
import io.thinkmeter.storage.RequestStore;
import io.thinkmeter.storage.StoredResults;
import io.thinkmeter.storage.Tenants;
import io.thinkmeter.storage.Usage;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/**
 * The storage module's classes ingest reads and writes through, on the service's pooled DataSource. Singleton, not
 * application-scoped: they are final classes, which a client proxy cannot wrap.
 */
public class StorageBeans {

    @Produces
    @Singleton
    ApiKeys apiKeys(DataSource dataSource) {
        return new ApiKeys(dataSource);
    }

    @Produces
    @Singleton
    Tenants tenants(DataSource dataSource) {
        return new Tenants(dataSource);
    }

    @Produces
    @Singleton
    StoredResults storedResults(DataSource dataSource) {
        return new StoredResults(dataSource);
    }

    @Produces
    @Singleton
    OpenAiFiles openAiFiles(DataSource dataSource) {
        return new OpenAiFiles(dataSource);
    }

    @Produces
    @Singleton
    OpenAiBatches openAiBatches(DataSource dataSource) {
        return new OpenAiBatches(dataSource);
    }

    @Produces
    @Singleton
    Budgets budgets(DataSource dataSource) {
        return new Budgets(dataSource);
    }

    @Produces
    @Singleton
    Prices prices(DataSource dataSource) {
        return new Prices(dataSource);
    }

    @Produces
    @Singleton
    Usage usage(DataSource dataSource) {
        return new Usage(dataSource);
    }

    @Produces
    @Singleton
    RequestStore requestStore(DataSource dataSource) {
        return new RequestStore(dataSource);
    }
}
