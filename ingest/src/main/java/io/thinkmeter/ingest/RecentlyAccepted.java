package io.thinkmeter.ingest;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The problems this instance accepted lately, by id, with their tenant. Kafka acknowledges a request
 * before the storage sink has written its row, so for a moment PostgreSQL has never heard of an id
 * the caller was just given; this lets {@code GET /v1/problems/{id}} answer "submitted" instead of 404
 * in that moment. Bounded: the oldest ids fall out, by which time the sink has long stored them.
 */
@ApplicationScoped
public class RecentlyAccepted {

    static final int CAPACITY = 100_000;

    private final Map<String, String> tenantById = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    };

    public synchronized void add(String id, String tenant) {
        tenantById.put(id, tenant);
    }

    public synchronized boolean contains(String id, String tenant) {
        return tenant.equals(tenantById.get(id));
    }
}
