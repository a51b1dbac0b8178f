package io.thinkmeter.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.storage.Prices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code PUT /v1/admin/prices}: a model's price per million tokens from a UTC day on. Amounts are
 * read exactly (a JSON number or a string holding one), never through a double, which would round money.
 */
final class PriceForm {

    private static final Set<String> FIELDS = Set.of("model", "input_per_million", "output_per_million", "currency",
            "valid_from");
    private static final String FIELD_LIST = "model, input_per_million, output_per_million, currency, valid_from";
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** Digits after the point: far finer than any price, and a bound on what a wild exponent could ask of PostgreSQL. */
    static final int MAX_DECIMALS = 12;
    /** A price per million tokens above a billion is a typo, not a price. */
    static final BigDecimal MAX_AMOUNT = BigDecimal.valueOf(1_000_000_000L);
    static final int MAX_MODEL_CHARS = 256;
    private static final String AMOUNT = "an exact decimal amount, 0 or more, such as 0.15 or \"0.15\"";

    private PriceForm() {}

    /** @throws ApiException 400 listing every problem */
    static Prices.Price parse(String body) {
        List<String> problems = new ArrayList<>();
        ObjectNode json = JsonText.exactObject(body == null ? "" : body, problems);
        if (json == null) {
            throw ApiException.badRequest("the body is not a price; nothing was changed",
                    problems.stream().map(p -> "body: " + p).toList());
        }
        FieldReader f = new FieldReader(json, "", problems);
        f.rejectUnknown(FIELDS, FIELD_LIST);
        String model = f.text("model");
        BigDecimal input = amount(f, "input_per_million", problems);
        BigDecimal output = amount(f, "output_per_million", problems);
        String currency = f.text("currency");
        String validFromText = f.text("valid_from");
        if (model == null && !f.unreadable("model")) {
            problems.add("model is required");
        } else if (model != null && (model.isBlank() || model.length() > MAX_MODEL_CHARS)) {
            problems.add("model must be 1 to " + MAX_MODEL_CHARS + " characters, not blank (the name results carry)");
        }
        if (currency == null && !f.unreadable("currency")) {
            problems.add("currency is required");
        } else if (currency != null && !CURRENCY.matcher(currency).matches()) {
            problems.add("currency must be three upper-case letters, such as USD or EUR, was '" + currency + "'");
        }
        LocalDate validFrom = null;
        if (validFromText == null && !f.unreadable("valid_from")) {
            problems.add("valid_from is required: the first UTC day the price applies to, such as 2026-12-01");
        } else if (validFromText != null) {
            try {
                validFrom = LocalDate.parse(validFromText);
            } catch (DateTimeParseException e) {
                problems.add("valid_from must be a date such as 2026-12-01, was '" + validFromText + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("the price is invalid; nothing was changed", problems);
        }
        return new Prices.Price(model, validFrom, input, output, currency);
    }

    private static BigDecimal amount(FieldReader f, String field, List<String> problems) {
        BigDecimal value = f.decimal(field, AMOUNT);
        if (value == null) {
            if (!f.unreadable(field)) {
                problems.add(field + " is required");
            }
            return null;
        }
        if (value.signum() < 0 || value.compareTo(MAX_AMOUNT) > 0) {
            problems.add(field + " must be 0 to " + MAX_AMOUNT.toPlainString() + ", was " + shown(value));
        } else if (value.stripTrailingZeros().scale() > MAX_DECIMALS) {
            problems.add(field + " must have at most " + MAX_DECIMALS + " decimal places, was " + shown(value));
        }
        return value;
    }

    private static String shown(BigDecimal value) {
        String text = value.toString();
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
