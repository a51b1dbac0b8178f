package io.thinkmeter.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.storage.Prices.Price;
import io.thinkmeter.storage.Prices.PutOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;

class PricesTest {

    private static DataSource db;
    private static Prices prices;

    @BeforeAll
    static void database() {
        db = TestDatabases.migratedDatabase("prices");
        prices = new Prices(db);
    }

    private static Price price(String model, String day, String input, String output) {
        return new Price(model, LocalDate.parse(day), new BigDecimal(input), new BigDecimal(output), "EUR");
    }

    @Test
    void shouldCreateThenFindTheSamePriceUnchangedAndADifferentOneInConflict() throws SQLException {
        assertEquals(PutOutcome.CREATED, prices.put(price("m-put", "2026-01-01", "0.10", "0.40")));
        // equal by value: 0.1 is the price written as 0.10
        assertEquals(PutOutcome.UNCHANGED, prices.put(price("m-put", "2026-01-01", "0.1", "0.4")));
        assertEquals(PutOutcome.CONFLICT, prices.put(price("m-put", "2026-01-01", "0.11", "0.40")));
        assertEquals(PutOutcome.CONFLICT, prices.put(new Price("m-put", LocalDate.parse("2026-01-01"),
                new BigDecimal("0.10"), new BigDecimal("0.40"), "USD")));

        assertEquals(new BigDecimal("0.10"), prices.list().stream().filter(p -> p.model().equals("m-put"))
                .findFirst().orElseThrow().inputPerMillion());
        assertEquals(1, Fixtures.count(db, "SELECT count(*) FROM model_prices WHERE model = 'm-put'"));
    }

    @Test
    void shouldListTheShippedModelsIllustrativePrices() {
        assertTrue(prices.list().stream().anyMatch(p -> p.model().equals("tiny-reasoner")));
        assertTrue(prices.list().stream().anyMatch(p -> p.model().equals("tiny-reasoner-tldr")));
    }

    @Test
    void shouldFindThePriceWithTheLatestValidFromOnOrBeforeTheDay() throws SQLException {
        prices.put(price("m-at", "2026-03-01", "1", "2"));
        prices.put(price("m-at", "2026-03-10", "3", "4"));

        try (Connection c = db.getConnection()) {
            assertEquals(Optional.empty(), Prices.priceAt(c, "m-at", LocalDate.parse("2026-02-28")));
            assertEquals(LocalDate.parse("2026-03-01"), Prices.priceAt(c, "m-at", LocalDate.parse("2026-03-01")).orElseThrow().validFrom());
            assertEquals(LocalDate.parse("2026-03-01"), Prices.priceAt(c, "m-at", LocalDate.parse("2026-03-09")).orElseThrow().validFrom());
            assertEquals(LocalDate.parse("2026-03-10"), Prices.priceAt(c, "m-at", LocalDate.parse("2026-03-10")).orElseThrow().validFrom());
            assertEquals(Optional.empty(), Prices.priceAt(c, "no-such-model", LocalDate.parse("2026-03-10")));
        }
    }

    @Test
    void shouldComputeTheExactCost() {
        Price p = price("m-cost", "2026-01-01", "0.15", "0.6");
        // 1234 * 0.15 / 1e6 + 567 * 0.6 / 1e6 = 0.0001851 + 0.0003402
        assertEquals(0, new BigDecimal("0.0005253").compareTo(p.costOf(1234, 567)));
        assertEquals(0, BigDecimal.ZERO.compareTo(p.costOf(0, 0)));
    }

    @Test
    void shouldRefuseABadPriceWithTheReason() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> price("m", "2026-01-01", "-0.01", "1"));
        assertTrue(negative.getMessage().contains("negative input_per_million"), negative.getMessage());
        IllegalArgumentException currency = assertThrows(IllegalArgumentException.class,
                () -> new Price("m", LocalDate.parse("2026-01-01"), BigDecimal.ONE, BigDecimal.ONE, "usd"));
        assertTrue(currency.getMessage().contains("three upper-case letters"), currency.getMessage());
        IllegalArgumentException model = assertThrows(IllegalArgumentException.class,
                () -> price(" ", "2026-01-01", "1", "1"));
        assertTrue(model.getMessage().contains("needs a model"), model.getMessage());
    }

    @Test
    void shouldNeverChangeAPriceOnceWritten() {
        prices.put(price("m-fixed", "2026-01-01", "1", "1"));

        SQLException refused = assertThrows(SQLException.class,
                () -> Fixtures.execute(db, "UPDATE model_prices SET input_per_million = 2 WHERE model = 'm-fixed'"));
        assertTrue(refused.getMessage().contains("model_prices is append-only"), refused.getMessage());
    }
}
