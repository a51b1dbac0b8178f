package io.thinkmeter.grading;

import java.util.ArrayList;
import java.util.List;

/**
 * Splitting at separators that are not inside brackets, braces or {@code \{ \}}. Any opening bracket
 * closes with any closing one, so the half-open {@code [0,1)} nests like {@code (0,1)}.
 */
final class TopLevel {

    private TopLevel() {
    }

    /**
     * The parts of {@code s} between top-level occurrences of {@code separator}; a command separator
     * ({@code \cup}) does not match inside a longer command name. One part when there is none.
     */
    static List<String> split(String s, String separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '{' || s.charAt(i + 1) == '}')) {
                depth += s.charAt(i + 1) == '{' ? 1 : -1;
                i++;
            } else if (depth == 0 && s.startsWith(separator, i) && wholeCommand(s, i, separator)) {
                parts.add(s.substring(start, i).strip());
                i += separator.length() - 1;
                start = i + 1;
            } else if (c == '\\') {
                i = skipCommandName(s, i);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        parts.add(s.substring(start).strip());
        return parts;
    }

    /**
     * The index of the bracket closing the one at {@code open}, or -1 when the text ends first. For
     * {@code \{} give the index of its backslash; the answer is then the backslash of {@code \}}.
     */
    static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '{' || s.charAt(i + 1) == '}')) {
                depth += s.charAt(i + 1) == '{' ? 1 : -1;
                if (depth == 0) {
                    return i;
                }
                i++;
            } else if (c == '\\') {
                i = skipCommandName(s, i);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean wholeCommand(String s, int at, String separator) {
        if (!separator.startsWith("\\")) {
            return true;
        }
        int end = at + separator.length();
        return end >= s.length() || !Character.isLetter(s.charAt(end));
    }

    /** The index of the last letter of the command name starting at the backslash {@code i}. */
    private static int skipCommandName(String s, int i) {
        int j = i + 1;
        while (j < s.length() && Character.isLetter(s.charAt(j))) {
            j++;
        }
        return j == i + 1 ? i + 1 : j - 1; // \, or \! : skip the one character after the backslash
    }
}
