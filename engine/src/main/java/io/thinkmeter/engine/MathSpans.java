package io.thinkmeter.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The mathematics written in a text: its closed spans ({@code $...$}, {@code $$...$$},
 * {@code \[...\]}, {@code \(...\)}) and whether the text stops inside one, or inside an open brace
 * group: a text that does was cut off, and nothing read from its tail is a whole answer.
 */
final class MathSpans {

    /** One closed span: the content's bounds in the text and the content, stripped. */
    record Span(int start, int end, String content) {
    }

    private MathSpans() {
    }

    /** The closed spans in order; an inline {@code $...$} ends at its line's end, as LaTeX's does. */
    static List<Span> closed(String text) {
        return scan(text).spans();
    }

    /**
     * True when the text stops inside a math span that was opened and not closed ({@code ... is $\frac{1}{}),
     * or inside a brace group opened on its last line ({@code \boxed{1}).
     */
    static boolean endsOpen(String text) {
        return scan(text).openAtEnd() || openBraces(text.substring(text.lastIndexOf('\n') + 1)) > 0;
    }

    /** The closed spans, and whether a span opened and never closed runs to the text's end. */
    private record Scan(List<Span> spans, boolean openAtEnd) {
    }

    private static Scan scan(String text) {
        List<Span> spans = new ArrayList<>();
        boolean openAtEnd = false;
        int i = 0;
        while (i < text.length()) {
            String close = closerAt(text, i);
            if (close == null) {
                i += text.charAt(i) == '\\' ? 2 : 1;
                continue;
            }
            int from = i + opener(text, i).length();
            int to = find(text, from, close);
            if (to < 0) {
                // an inline $ left open before a line break is a stray dollar; anything else runs to the end
                openAtEnd |= !close.equals("$") || text.indexOf('\n', from) < 0;
                i = from;
                continue;
            }
            spans.add(new Span(from, to, text.substring(from, to).strip()));
            i = to + close.length();
        }
        return new Scan(spans, openAtEnd);
    }

    /** Unclosed {@code {} on balance; escaped braces ({@code \{}) do not count. */
    static int openBraces(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            }
        }
        return depth;
    }

    private static String opener(String text, int i) {
        if (text.startsWith("$$", i)) {
            return "$$";
        }
        if (text.startsWith("\\[", i) || text.startsWith("\\(", i)) {
            return text.substring(i, i + 2);
        }
        return text.charAt(i) == '$' ? "$" : null;
    }

    /** The closing delimiter when a span opens at {@code i}; null when none does. */
    private static String closerAt(String text, int i) {
        String open = opener(text, i);
        if (open == null) {
            return null;
        }
        return switch (open) {
            case "\\[" -> "\\]";
            case "\\(" -> "\\)";
            default -> open;
        };
    }

    /** Where {@code close} next occurs unescaped from {@code from}; an inline {@code $} must close on its line. */
    private static int find(String text, int from, String close) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (close.equals("$") && c == '\n') {
                return -1;
            }
            if (text.startsWith(close, i) && !(close.equals("$") && text.startsWith("$$", i))) {
                return i;
            }
            if (c == '\\') {
                i++; // an escaped character (\$, \\) neither opens nor closes
            }
        }
        return -1;
    }
}
