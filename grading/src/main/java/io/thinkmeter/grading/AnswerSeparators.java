package io.thinkmeter.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where one of several answers ends and the next begins, besides a comma: a top-level {@code ;}
 * ({@code 2; 3}, {@code (3,4); (1,2)}) and the words "and" / "or", bare or in {@code \text{ and }}
 * ({@code 2 and 3}, {@code x=2 \text{ or } x=3}, the "and" of {@code 2, 3, and 5}). Only top-level
 * separators count: nothing inside brackets ({@code (1;2)} stays whole) or inside {@code \text{...}}
 * ({@code \text{Alice and Bob}}). Whether the parts are answers at all is {@link AnswerParser}'s call:
 * "and" joins values only when every part is mathematics.
 */
final class AnswerSeparators {

    private static final Pattern WORD_IN_TEXT = Pattern.compile("\\\\text\\s*\\{\\s*(and|or)\\s*}");

    private AnswerSeparators() {
    }

    /** The parts between top-level semicolons; one part when there is none. */
    static List<String> semicolons(String s) {
        return TopLevel.split(s, ";");
    }

    /**
     * The parts of one comma item between top-level "and" / "or"; {@code afterComma}: the item follows a
     * comma, where a leading "and" closes a list ({@code 2, 3, and 5}). One part when there is none.
     */
    static List<String> words(String item, boolean afterComma) {
        // padded, so that a leading "and" is a separator too, with an empty part before it
        String s = " " + WORD_IN_TEXT.matcher(item).replaceAll(" $1 ") + " ";
        List<String> parts = new ArrayList<>();
        for (String and : TopLevel.split(s, " and ")) {
            parts.addAll(TopLevel.split(and, " or "));
        }
        if (parts.size() == 1) {
            return List.of(item);
        }
        if (afterComma && parts.get(0).isEmpty()) {
            parts.remove(0); // ", and 5": the comma already separated it
        }
        return parts;
    }
}
