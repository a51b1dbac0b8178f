package io.thinkmeter.storage;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a model's tokens cost (table {@code model_prices}). Prices are history: a ledger row records the
 * price it was charged at, so a price, once written, is never changed; a new price is a new row from a
 * later day. The price of a day is the one with the latest {@code valid_from} on or before it.
 */
public final class Prices {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final BigDecimal PER_MILLION = BigDecimal.ONE.movePointRight(6);

    /**
     * A model's price from {@code validFrom} on, per million tokens.
     *
     * @param currency ISO 4217 style: three upper-case letters
     */
    public record Price(String model, LocalDate validFrom, BigDecimal inputPerMillion, BigDecimal outputPerMillion,
                        String currency) {

        public Price {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("a price needs a model");
            }
            Sql.requireStorableIdentifier(model, "model", "a price");
            String of = "the price of " + model;
            if (validFrom == null) {
                throw new IllegalArgumentException(of + " needs valid_from, the first day (UTC) it applies to");
            }
            requireNotNegative(inputPerMillion, "input_per_million", of);
            requireNotNegative(outputPerMillion, "output_per_million", of);
            if (currency == null || !CURRENCY.matcher(currency).matches()) {
                throw new IllegalArgumentException(of + " has currency " + (currency == null ? "null" : "'" + currency + "'")
                        + "; a currency is three upper-case letters, such as USD or EUR");
            }
        }

        /**
         * The exact cost of a request: its prompt at the input price and everything it generated at the
         * output price (no rounding: moving the point six places is exact).
         */
        public BigDecimal costOf(long promptTokens, long generatedTokens) {
            return inputPerMillion.multiply(BigDecimal.valueOf(promptTokens))
                    .add(outputPerMillion.multiply(BigDecimal.valueOf(generatedTokens)))
                    .divide(PER_MILLION);
        }

        /** Same model, day, amounts (by value: 0.10 equals 0.1) and currency. */
        boolean sameAs(Price other) {
            return model.equals(other.model) && validFrom.equals(other.validFrom)
                    && inputPerMillion.compareTo(other.inputPerMillion) == 0
                    && outputPerMillion.compareTo(other.outputPerMillion) == 0 && currency.equals(other.currency);
        }

        private static void requireNotNegative(BigDecimal amount, String field, String of) {
            if (amount == null) {
                throw new IllegalArgumentException(of + " has no " + field);
            }
            if (amount.signum() < 0) {
                throw new IllegalArgumentException(of + " has a negative " + field + " (" + amount.toPlainString() + ")");
            }
        }
    }

    /** What {@link #put} did. */
    public enum PutOutcome {
        /** the price was written */
        CREATED,
        /** the same price was already there */
        UNCHANGED,
        /** another price is there for that model and day; it stands, nothing was written */
        CONFLICT
    }

    private static final String COLUMNS = "model, valid_from, input_per_million, output_per_million, currency";

    private final DataSource dataSource;

    public Prices(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Adds a price. A different price for the same model and day is refused ({@link PutOutcome#CONFLICT}):
     * ledger rows may have been charged at the one there.
     */
    public PutOutcome put(Price price) {
        if (price == null) {
            throw new IllegalArgumentException("cannot put a null price");
        }
        return Transactions.inTransaction(dataSource, "put the price of " + price.model() + " from " + price.validFrom(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_prices (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT (model, valid_from) DO NOTHING")) {
                ps.setString(1, price.model());
                ps.setObject(2, price.validFrom());
                ps.setBigDecimal(3, price.inputPerMillion());
                ps.setBigDecimal(4, price.outputPerMillion());
                ps.setString(5, price.currency());
                if (ps.executeUpdate() == 1) {
                    return PutOutcome.CREATED;
                }
            }
            Price there = historyOf(c, List.of(price.model())).stream()
                    .filter(p -> p.validFrom().equals(price.validFrom())).findFirst()
                    .orElseThrow(() -> new SQLException("the price of " + price.model() + " from " + price.validFrom()
                            + " conflicted but cannot be read"));
            return there.sameAs(price) ? PutOutcome.UNCHANGED : PutOutcome.CONFLICT;
        });
    }

    /** Every price, by model and then day. */
    public List<Price> list() {
        return Transactions.inTransaction(dataSource, "list the prices", c -> read(c,
                "SELECT " + COLUMNS + " FROM model_prices ORDER BY model, valid_from", null));
    }

    /** The price of {@code model} on {@code day}, on the caller's connection (and transaction). */
    public static Optional<Price> priceAt(Connection c, String model, LocalDate day) throws SQLException {
        return book(c, List.of(model)).at(model, day);
    }

    /** The price history of these models, read at once, for pricing many rows. */
    static PriceBook book(Connection c, Collection<String> models) throws SQLException {
        return new PriceBook(historyOf(c, models));
    }

    private static List<Price> historyOf(Connection c, Collection<String> models) throws SQLException {
        List<String> present = models.stream().filter(m -> m != null).distinct().toList();
        if (present.isEmpty()) {
            return List.of();
        }
        return read(c, "SELECT " + COLUMNS + " FROM model_prices WHERE model = ANY (?) ORDER BY model, valid_from",
                c.createArrayOf("text", present.toArray(new String[0])));
    }

    private static List<Price> read(Connection c, String sql, java.sql.Array models) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (models != null) {
                ps.setArray(1, models);
            }
            List<Price> prices = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    prices.add(new Price(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getBigDecimal(3),
                            rs.getBigDecimal(4), rs.getString(5)));
                }
            }
            return prices;
        }
    }
}
