package io.thinkmeter.grading;

import java.util.regex.Pattern;

/**
 * Commas that group digits, told apart from commas that separate answers. A comma is a thousands
 * separator only when nothing else could be meant:
 * <ul>
 *   <li>explicitly: {@code 10,\!080} and {@code 11,\! 111,\! 111,\! 100} (LaTeX's negative thin space
 *       after the comma, as MATH writes them), {@code 1{,}000} and the thin space {@code 10\,000},
 *       anywhere;</li>
 *   <li>plainly: {@code 1,000} or {@code -58,500.25} only as a whole answer, with no space after any
 *       comma and every group after the first exactly three digits. {@code 1, 000}, {@code 5,10} and
 *       {@code 2500,7500} are lists; inside brackets {@code (1,000)} is a pair, never a thousand.</li>
 * </ul>
 */
final class ThousandsSeparators {

    private static final Pattern EXPLICIT = Pattern.compile("(\\d)(?:,\\\\!\\s*|\\{,}|\\\\,)(?=\\d{3}(?!\\d))");
    private static final Pattern PLAIN = Pattern.compile("-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?");

    private ThousandsSeparators() {
    }

    /** Drops the explicit separators: {@code 10,\!080} becomes {@code 10080}. */
    static String explicit(String s) {
        return EXPLICIT.matcher(s).replaceAll("$1");
    }

    /** True when the whole answer is one plainly grouped number such as {@code 58,500}. */
    static boolean isPlainlyGrouped(String s) {
        return PLAIN.matcher(s).matches();
    }

    static String withoutCommas(String s) {
        return s.replace(",", "");
    }
}
