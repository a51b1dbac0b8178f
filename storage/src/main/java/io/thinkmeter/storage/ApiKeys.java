package io.thinkmeter.storage;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Tenants' API keys. Only the SHA-256 of a key is stored, so a leaked database leaks no key; the key
 * itself is returned once, by {@link #create}. A presented key is found by its hash through the unique
 * index: the comparison happens on hashes inside the database, so no timing reveals a key's prefix.
 */
public final class ApiKeys {

    /** Prefix of every key, so a key pasted in the wrong place is recognisable (and easy to scan for). */
    public static final String KEY_PREFIX = "tm_";

    /** @param key the plaintext key: give it to the tenant now, it cannot be read back later */
    public record CreatedKey(String id, String tenantId, String key) {}

    /** Who holds a presented key: its id ({@code api_keys.id}, to attribute spend to) and its tenant. */
    public record KeyOwner(String keyId, String tenantId) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final DataSource dataSource;

    public ApiKeys(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @throws IllegalArgumentException when the tenant does not exist */
    public CreatedKey create(String tenantId, String label) {
        Sql.requireText(tenantId, "tenant", "an API key");
        String id = "key_" + HexFormat.of().formatHex(randomBytes(8));
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        try {
            Transactions.inTransaction(dataSource, "create an API key for tenant " + tenantId, c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO api_keys (id, tenant_id, key_hash, label) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, id);
                    ps.setString(2, tenantId);
                    ps.setString(3, hash(key));
                    ps.setString(4, label);
                    return ps.executeUpdate();
                }
            });
        } catch (StorageException e) {
            if (e.getCause() instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                throw new IllegalArgumentException("no tenant '" + tenantId + "': create the tenant before its keys", e);
            }
            throw e;
        }
        return new CreatedKey(id, tenantId, key);
    }

    /** The tenant a presented key belongs to; empty for an unknown or revoked key. */
    public Optional<String> tenantFor(String presentedKey) {
        return ownerOf(presentedKey).map(KeyOwner::tenantId);
    }

    /** The key's id and tenant; empty for an unknown or revoked key. */
    public Optional<KeyOwner> ownerOf(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        return Transactions.inTransaction(dataSource, "look up an API key", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, tenant_id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")) {
                ps.setString(1, hash(presentedKey));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new KeyOwner(rs.getString(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
    }

    /** @return true when this call revoked the key, false when it was unknown or already revoked */
    public boolean revoke(String keyId) {
        return Transactions.inTransaction(dataSource, "revoke API key " + keyId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE api_keys SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")) {
                ps.setString(1, keyId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** @return true when this call revoked the tenant's key, false when it has no such key or it was revoked */
    public boolean revoke(String tenantId, String keyId) {
        return Transactions.inTransaction(dataSource, "revoke API key " + keyId + " of tenant " + tenantId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE api_keys SET revoked_at = now() WHERE id = ? AND tenant_id = ? AND revoked_at IS NULL")) {
                ps.setString(1, keyId);
                ps.setString(2, tenantId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** SHA-256 of the key's UTF-8 bytes, lower-case hex: what {@code api_keys.key_hash} holds. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
