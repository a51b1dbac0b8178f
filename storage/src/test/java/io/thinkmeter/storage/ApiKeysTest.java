package io.thinkmeter.storage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeysTest {

    private static DataSource db;
    private static ApiKeys keys;

    @BeforeAll
    static void tenants() throws SQLException {
        db = TestDatabases.migratedDatabase("api_keys");
        Tenants tenants = new Tenants(db);
        tenants.save(new Tenants.Tenant("acme", "Acme Corp", 1_000_000L));
        tenants.save(new Tenants.Tenant("globex", "Globex", null));
        keys = new ApiKeys(db);
    }

    @Test
    void shouldFindTheTenantOfAPresentedKey() {
        ApiKeys.CreatedKey acme = keys.create("acme", "ci");
        ApiKeys.CreatedKey globex = keys.create("globex", null);

        assertEquals(Optional.of("acme"), keys.tenantFor(acme.key()));
        assertEquals(Optional.of("globex"), keys.tenantFor(globex.key()));
        assertTrue(acme.key().startsWith(ApiKeys.KEY_PREFIX));
        assertNotEquals(acme.key(), globex.key());
    }

    @Test
    void shouldStoreOnlyTheSha256OfAKey() throws SQLException {
        ApiKeys.CreatedKey created = keys.create("acme", "hash check");

        String stored = Fixtures.text(db, "SELECT key_hash FROM api_keys WHERE id = ?", created.id());
        assertEquals(ApiKeys.hash(created.key()), stored);
        assertEquals(0, Fixtures.count(db, "SELECT count(*) FROM api_keys WHERE key_hash = ? OR label = ?",
                created.key(), created.key()));
        // the published SHA-256 of "abc", so the hash is the standard one and not something of ours
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeys.hash("abc"));
    }

    @Test
    void shouldNotFindAnUnknownKey() {
        assertEquals(Optional.empty(), keys.tenantFor("tm_not-a-key"));
        assertEquals(Optional.empty(), keys.tenantFor(""));
        assertEquals(Optional.empty(), keys.tenantFor(null));
    }

    @Test
    void shouldRefuseARevokedKey() {
        ApiKeys.CreatedKey created = keys.create("acme", "to revoke");

        assertTrue(keys.revoke(created.id()));
        assertFalse(keys.revoke(created.id()));
        assertEquals(Optional.empty(), keys.tenantFor(created.key()));
        assertFalse(keys.revoke("key_unknown"));
    }

    @Test
    void shouldRefuseAKeyForAnUnknownTenant() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> keys.create("nobody-inc", "x"));

        assertTrue(e.getMessage().contains("no tenant 'nobody-inc'"), e.getMessage());
    }

    @Test
    void shouldUpdateATenantsQuotaWhenSavedAgain() {
        Tenants tenants = new Tenants(db);
        tenants.save(new Tenants.Tenant("quota-co", "Quota Co", 500L));
        tenants.save(new Tenants.Tenant("quota-co", "Quota Co", null));

        assertEquals(Optional.of(new Tenants.Tenant("quota-co", "Quota Co", null)), tenants.find("quota-co"));
        assertEquals(Optional.empty(), tenants.find("absent"));
    }
}
