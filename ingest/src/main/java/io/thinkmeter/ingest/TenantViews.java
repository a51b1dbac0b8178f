package io.thinkmeter.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The reply of tenant creation. */
public final class TenantViews {

    private TenantViews() {}

    /** @param apiKey shown this once: only its hash is stored */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Created(String id, String name, Long dailyTokenQuota, String keyId, String apiKey) {}
}
