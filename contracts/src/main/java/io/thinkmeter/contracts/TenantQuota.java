package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A tenant's daily token quota as set through ingest: the payload of the compacted tenants topic
 * (key = tenant id), schema 1. The scheduler enforces it; a null quota means unlimited.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TenantQuota(int schemaVersion, String tenant, Long dailyTokenQuota) {

    public static final int SCHEMA_VERSION = 1;
}
