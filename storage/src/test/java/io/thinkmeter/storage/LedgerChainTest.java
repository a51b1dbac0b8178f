package io.thinkmeter.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The chain's encoding, exactly as storage/README.md writes it out for auditors. */
class LedgerChainTest {

    static LedgerEntry example(String batch, String cost) {
        return new LedgerEntry(1L, "r-1", "acme", null, batch, "short", "none", "tiny-reasoner", null,
                LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-02"), Instant.parse("2026-03-02T10:00:30Z"),
                10, 20, 3, 0, 23, null, null, null, null, cost == null ? null : new BigDecimal(cost), null, null);
    }

    @Test
    void shouldEncodeTheReadmesExample() {
        assertEquals("1:1;3:r-1;4:acme;~;~;5:short;4:none;13:tiny-reasoner;~;10:2026-03-02;10:2026-03-02;"
                + "27:2026-03-02T10:00:30.000000Z;2:10;2:20;1:3;1:0;2:23;~;~;~;~;~;", LedgerChain.encode(example(null, null)));
    }

    @Test
    void shouldTellNullFromEmptyAndCountBytesNotChars() {
        assertNotEquals(LedgerChain.encode(example(null, null)), LedgerChain.encode(example("", null)));
        assertEquals("~;", LedgerChain.encode(example(null, null)).substring(17, 19));
        LedgerEntry accented = new LedgerEntry(1L, "r-é", "acme", null, null, null, null, null, null,
                LocalDate.parse("2026-03-02"), null, null, 0, 0, 0, 0, 0, null, null, null, null, null, null, null);
        assertEquals("1:1;4:r-é;", LedgerChain.encode(accented).substring(0, 10));
    }

    @Test
    void shouldEncodeEqualAmountsAlike() {
        assertEquals(LedgerChain.encode(example(null, "0.000400")), LedgerChain.encode(example(null, "0.0004")));
        assertEquals(LedgerChain.hash(LedgerChain.GENESIS, example(null, "0.0000")),
                LedgerChain.hash(LedgerChain.GENESIS, example(null, "0")));
    }
}
