package io.thinkmeter.grading;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unit after (or a currency sign before) a value, split off so the value can be compared:
 * {@code 15\text{ cm}^2} is 15 in cm^2, {@code 30^\circ} and {@code 30 degrees} are 30 in degrees,
 * {@code 8\%} is 8 in percent, {@code \$18.90} is 18.90 in dollars, {@code 5.4 \text{ cents}} is 5.4
 * in cents. Recognised: any word in {@code \text{...}} after a value, and outside {@code \text} the
 * known unit words of {@link #ALIASES} after a space (so {@code 6m} stays 6 times m), and after a plain
 * number one lower-case word, what was counted ({@code 7 apples}). Two answers'
 * units must agree when both have one ({@code 5 cm} is not {@code 5 m}); a value with no unit
 * matches one with a unit ({@code 8\%} equals {@code 8}, {@code 30^\circ} equals {@code 30}). Units
 * are never converted: {@code 0.08} is not {@code 8\%}, {@code \frac{\pi}{6}} is not {@code 30^\circ}.
 */
final class Units {

    /** The value without its unit, and the unit's canonical name (null: none). */
    record Quantity(String value, String unit) {
    }

    /** Spellings of one unit, all mapped to one name; also the words recognised outside {@code \text}. */
    static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("cm", "cm"), Map.entry("centimeter", "cm"), Map.entry("centimeters", "cm"),
            Map.entry("centimetre", "cm"), Map.entry("centimetres", "cm"), Map.entry("mm", "mm"),
            Map.entry("km", "km"), Map.entry("kilometer", "km"), Map.entry("kilometers", "km"),
            Map.entry("meter", "m"), Map.entry("meters", "m"), Map.entry("metre", "m"), Map.entry("metres", "m"),
            Map.entry("inch", "inch"), Map.entry("inches", "inch"), Map.entry("foot", "foot"), Map.entry("feet", "foot"),
            Map.entry("ft", "foot"), Map.entry("yard", "yard"), Map.entry("yards", "yard"), Map.entry("mile", "mile"),
            Map.entry("miles", "mile"), Map.entry("mph", "mph"), Map.entry("degree", "degree"),
            Map.entry("degrees", "degree"), Map.entry("percent", "percent"), Map.entry("pct", "percent"), Map.entry("dollar", "dollar"),
            Map.entry("dollars", "dollar"), Map.entry("cent", "cent"), Map.entry("cents", "cent"),
            Map.entry("second", "second"), Map.entry("seconds", "second"), Map.entry("sec", "second"),
            Map.entry("minute", "minute"), Map.entry("minutes", "minute"), Map.entry("min", "minute"),
            Map.entry("hour", "hour"), Map.entry("hours", "hour"), Map.entry("day", "day"), Map.entry("days", "day"),
            Map.entry("unit", "unit"), Map.entry("units", "unit"), Map.entry("square", "square"));

    private static final Pattern DOLLAR_PREFIX = Pattern.compile("^(-?)\\s*\\\\\\$\\s*");
    private static final Pattern PERCENT = Pattern.compile("\\s*%$");
    private static final Pattern DEGREE = Pattern.compile("\\s*\\^\\\\circ$");
    private static final String POWER = "(?:\\s*\\^\\s*(?:\\{\\s*(\\d)\\s*}|(\\d)))?";
    private static final Pattern TEXT_UNIT = Pattern.compile("\\s*\\\\text\\s*\\{\\s*([^{}]*?)\\s*}" + POWER + "$");
    private static final Pattern BARE_UNIT = Pattern.compile("\\s+((?:[A-Za-z]+\\s+)?[A-Za-z]+)" + POWER + "$");

    /** A plain number and one lower-case word of three letters or more: what was counted ({@code 7 apples}). */
    private static final Pattern COUNTED = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s+([a-z]{3,})");

    private Units() {
    }

    static Quantity split(String leaf) {
        String s = leaf.strip();
        String unit = null;
        Matcher dollar = DOLLAR_PREFIX.matcher(s);
        if (dollar.find()) {
            s = dollar.group(1) + s.substring(dollar.end());
            unit = "dollar";
        }
        Quantity suffix = suffix(s);
        if (suffix.value().isEmpty()) {
            return new Quantity(leaf.strip(), null); // a unit alone is the answer, not a unit
        }
        if (unit != null && suffix.unit() != null && !unit.equals(suffix.unit())) {
            return new Quantity(leaf.strip(), null); // \$5 cents: leave such a thing whole
        }
        return new Quantity(suffix.value(), unit != null ? unit : suffix.unit());
    }

    private static Quantity suffix(String s) {
        Matcher m = PERCENT.matcher(s);
        if (m.find()) {
            return new Quantity(s.substring(0, m.start()).strip(), "percent");
        }
        m = DEGREE.matcher(s);
        if (m.find()) {
            return new Quantity(s.substring(0, m.start()).strip(), "degree");
        }
        m = TEXT_UNIT.matcher(s);
        if (m.find() && m.group(1).matches("[A-Za-z][A-Za-z ./]*")) {
            return new Quantity(s.substring(0, m.start()).strip(), canonical(m.group(1), power(m)));
        }
        m = BARE_UNIT.matcher(s);
        if (m.find() && isKnown(m.group(1))) {
            return new Quantity(s.substring(0, m.start()).strip(), canonical(m.group(1), power(m)));
        }
        m = COUNTED.matcher(s);
        if (m.matches()) {
            return new Quantity(m.group(1), canonical(m.group(2), null)); // 7 apples: apples counted
        }
        return new Quantity(s, null);
    }

    private static String power(Matcher m) {
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    private static boolean isKnown(String words) {
        for (String w : words.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!ALIASES.containsKey(w)) {
                return false;
            }
        }
        return true;
    }

    /**
     * One name per unit: aliases mapped ({@code inches} is {@code inch}), other words lower-cased with
     * a plural s dropped; {@code square cm} and {@code sq cm} are {@code cm^2}, as is {@code cm} with
     * the power 2.
     */
    static String canonical(String words, String power) {
        String[] parts = words.toLowerCase(Locale.ROOT).strip().split("\\s+");
        String p = power;
        int from = 0;
        if (parts.length > 1 && (parts[0].equals("square") || parts[0].equals("sq"))) {
            p = "2";
            from = 1;
        } else if (parts.length > 1 && (parts[0].equals("cubic") || parts[0].equals("cu"))) {
            p = "3";
            from = 1;
        }
        StringBuilder name = new StringBuilder();
        for (int i = from; i < parts.length; i++) {
            String w = parts[i];
            String alias = ALIASES.get(w);
            if (alias == null && w.length() > 3 && w.endsWith("s")) {
                alias = w.substring(0, w.length() - 1);
            }
            name.append(i > from ? " " : "").append(alias != null ? alias : w);
        }
        return p == null || p.equals("1") ? name.toString() : name + "^" + p;
    }

    /** True when the units agree, or at least one side has none. */
    static boolean compatible(String a, String b) {
        return a == null || b == null || Objects.equals(a, b);
    }
}
