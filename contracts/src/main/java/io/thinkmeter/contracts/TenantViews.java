package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What ingest answers when it creates a tenant, and what a client reads back. */
public final class TenantViews {

    private TenantViews() {}

    /**
     * The body of {@code POST /v1/tenants}.
     *
     * @param dailyTokenQuota null: no daily limit
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Create(String id, String name, Long dailyTokenQuota) {}

    /** @param apiKey shown this once: only its hash is stored */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Created(String id, String name, Long dailyTokenQuota, String keyId, String apiKey) {}

    /** The body of {@code POST /v1/tenants/{id}/api-keys}: an optional label to tell the key apart. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreateKey(String label) {}

    /** A key created for an existing tenant. @param apiKey shown this once: only its hash is stored */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyCreated(String id, String tenant, String label, String apiKey) {}
}
