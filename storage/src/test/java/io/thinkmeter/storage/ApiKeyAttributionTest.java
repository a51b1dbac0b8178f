package io.thinkmeter.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.ProblemResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;

/** Every request, result and ledger row carries the id of the API key it was charged to (null: none). */
class ApiKeyAttributionTest {

    private static DataSource db;

    @BeforeAll
    static void database() {
        db = TestDatabases.migratedDatabase("api_key_attribution");
    }

    @Test
    void shouldStoreTheKeyOnTheRequestTheResultAndTheLedgerRow() throws SQLException {
        new RequestStore(db).insert(Fixtures.request("keyed-1", "acme").withApiKeyId("key-7"));
        ProblemResult result = LedgerChargeTest.result("keyed-1", "acme", "tiny-reasoner", "2026-03-02T10:00:00Z",
                null, 3, 2, 1, "key-7");
        new ResultSink(db).store(result);

        assertEquals("key-7", Fixtures.text(db, "SELECT api_key_id FROM requests WHERE id = 'keyed-1'"));
        assertEquals("key-7", Fixtures.text(db, "SELECT api_key_id FROM results WHERE request_id = 'keyed-1'"));
        assertEquals("key-7", Fixtures.text(db, "SELECT api_key_id FROM token_ledger WHERE request_id = 'keyed-1'"));
        assertEquals("key-7", new StoredResults(db).find("acme", "keyed-1").orElseThrow().apiKeyId());
    }

    @Test
    void shouldStoreNoKeyForAProblemProducedStraightToKafka() throws SQLException {
        new RequestStore(db).insert(Fixtures.request("unkeyed-1", "acme"));
        new ResultSink(db).store(Fixtures.result("unkeyed-1", "acme"));

        assertNull(Fixtures.text(db, "SELECT api_key_id FROM requests WHERE id = 'unkeyed-1'"));
        assertNull(Fixtures.text(db, "SELECT api_key_id FROM token_ledger WHERE request_id = 'unkeyed-1'"));
    }

    @Test
    void shouldRefuseAKeyIdPostgreSqlCannotHold() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ResultSink(db).store(
                LedgerChargeTest.result("bad-key", "acme", "m", null, null, 1, 1, 0, "key\u00001")));
        assertTrue(e.getMessage().contains("U+0000 in api_key_id"), e.getMessage());
    }
}
