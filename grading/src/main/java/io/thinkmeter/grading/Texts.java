package io.thinkmeter.grading;

/** How two answers' texts are compared when their text is all there is to compare. */
final class Texts {

    private Texts() {
    }

    /**
     * Whitespace-insensitive form: a run of whitespace is dropped, except between two letters or digits,
     * where it becomes one space ({@code x + 1} is {@code x+1}, but {@code 2 3} stays apart from
     * {@code 23} and {@code \sin x} from {@code \sinx}). Case is kept: {@code R} and {@code r} differ.
     */
    static String canonical(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        String t = s.strip();
        while (i < t.length()) {
            char c = t.charAt(i);
            if (!Character.isWhitespace(c)) {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < t.length() && Character.isWhitespace(t.charAt(end))) {
                end++;
            }
            if (out.length() > 0 && Character.isLetterOrDigit(out.charAt(out.length() - 1))
                    && end < t.length() && Character.isLetterOrDigit(t.charAt(end))) {
                out.append(' ');
            }
            i = end;
        }
        return out.toString();
    }
}
