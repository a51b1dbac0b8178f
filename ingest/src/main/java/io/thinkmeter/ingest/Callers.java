package io.thinkmeter.ingest;

import io.thinkmeter.storage.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Who is calling: the tenant behind a bearer API key, or the operator holding the admin key. The
 * tenant always comes from the key, never from a body, so no caller can spend another's tokens.
 */
@ApplicationScoped
public class Callers {

    /** The header the operator's admin key comes in. */
    public static final String ADMIN_KEY_HEADER = "X-Admin-Key";
    private static final String BEARER = "bearer ";

    private final ApiKeys apiKeys;
    private final IngestConfig config;

    public Callers(ApiKeys apiKeys, IngestConfig config) {
        this.apiKeys = apiKeys;
        this.config = config;
    }

    /** @throws ApiException 401 when the header is missing or the key unknown or revoked */
    public String tenant(String authorization) {
        return caller(authorization).tenantId();
    }

    /**
     * The key's id and tenant, for work whose spend is attributed to the key that asked for it.
     *
     * @throws ApiException 401 when the header is missing or the key unknown or revoked
     */
    public ApiKeys.KeyOwner caller(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthorized("the Authorization header is missing: send 'Authorization: Bearer <api key>'");
        }
        if (!authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw ApiException.unauthorized("the Authorization header must be 'Bearer <api key>'");
        }
        String key = authorization.substring(BEARER.length()).trim();
        return apiKeys.ownerOf(key).orElseThrow(
                () -> ApiException.unauthorized("the API key is unknown or revoked"));
    }

    /** @throws ApiException 401 unless {@code presented} is the configured admin key */
    public void requireAdmin(String presented) {
        String adminKey = config.adminKey().filter(k -> !k.isEmpty()).orElseThrow(
                () -> ApiException.unauthorized("the operator's endpoints are off: thinkmeter.ingest.admin-key is not "
                        + "configured"));
        if (presented == null || !sameText(presented, adminKey)) {
            throw ApiException.unauthorized("the X-Admin-Key header is missing or wrong");
        }
    }

    /** Compares hashes in constant time, so response timing tells nothing about the admin key. */
    private static boolean sameText(String a, String b) {
        return MessageDigest.isEqual(ApiKeys.hash(a).getBytes(StandardCharsets.US_ASCII),
                ApiKeys.hash(b).getBytes(StandardCharsets.US_ASCII));
    }
}
