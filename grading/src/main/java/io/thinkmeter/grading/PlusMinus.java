package io.thinkmeter.grading;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code 1 \pm \sqrt{19}} is the two answers {@code 1 + \sqrt{19}} and {@code 1 - \sqrt{19}} ({@code \mp}
 * likewise). Only one {@code \pm} or {@code \mp} is expanded: with two, whether the signs go together
 * is not written down, so such an answer stays text.
 */
final class PlusMinus {

    private static final Pattern SIGN = Pattern.compile("\\\\(pm|mp)(?![A-Za-z])");

    private PlusMinus() {
    }

    static Optional<List<String>> expand(String s) {
        Matcher m = SIGN.matcher(s);
        if (!m.find()) {
            return Optional.empty();
        }
        int start = m.start();
        int end = m.end();
        if (m.find()) {
            return Optional.empty();
        }
        String before = s.substring(0, start);
        String after = s.substring(end);
        return Optional.of(List.of(before + "+" + after, before + "-" + after));
    }
}
