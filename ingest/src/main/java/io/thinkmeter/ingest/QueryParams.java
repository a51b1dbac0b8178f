package io.thinkmeter.ingest;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses query parameters by hand: JAX-RS answers a wrongly typed query parameter with a bare 404,
 * where the caller should be told which parameter and value were wrong.
 */
final class QueryParams {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    private QueryParams() {}

    /** @return null when absent; notes a problem when not a whole number */
    static Integer integer(String name, String value, List<String> problems) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            problems.add("query parameter " + name + " must be a whole number, was '" + value + "'");
            return null;
        }
    }

    /** @throws ApiException 400 when not a whole number in [min, max] */
    static int integer(String name, String value, int absent, int min, int max) {
        List<String> problems = new ArrayList<>();
        Integer parsed = integer(name, value, problems);
        if (parsed != null && (parsed < min || parsed > max)) {
            problems.add("query parameter " + name + " must be between " + min + " and " + max + ", was " + parsed);
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid query parameter", problems);
        }
        return parsed == null ? absent : parsed;
    }

    /** true, false, or absent (false). */
    static boolean flag(String name, String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badRequest("query parameter " + name + " must be true or false, was '"
                    + value + "'");
        };
    }

    /** {@code 20s}, {@code 500ms}, {@code 2m}, a bare number of seconds, or ISO-8601 ({@code PT20S}). */
    static Duration duration(String name, String value) {
        Matcher m = SHORT_DURATION.matcher(value.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            };
        }
        Duration d;
        try {
            d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            ApiException invalid = invalidDuration(name, value);
            invalid.initCause(e);
            throw invalid;
        }
        if (d.isNegative()) {
            throw invalidDuration(name, value);
        }
        return d;
    }

    private static ApiException invalidDuration(String name, String value) {
        return ApiException.badRequest("query parameter " + name + " must be a duration such as 20s, 500ms, 2m "
                + "or PT20S, was '" + value + "'");
    }
}
