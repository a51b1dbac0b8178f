package io.thinkmeter.workers.engine;

/**
 * Pulls the final answer out of generated text: the content of the last {@code \boxed{...}} (nested
 * braces allowed); failing that, the rest of the line after the last answer prefix.
 */
public final class AnswerExtractor {

    private final String answerPrefix;

    public AnswerExtractor(String answerPrefix) {
        this.answerPrefix = answerPrefix;
    }

    public String extract(String text) {
        String boxed = lastBoxed(text);
        if (boxed != null) {
            return boxed.strip();
        }
        int at = text.lastIndexOf(answerPrefix);
        if (at < 0) {
            return null;
        }
        String rest = text.substring(at + answerPrefix.length()).strip();
        int newline = rest.indexOf('\n');
        String line = (newline < 0 ? rest : rest.substring(0, newline)).strip();
        return line.isEmpty() ? null : line;
    }

    static String lastBoxed(String text) {
        int start = text.lastIndexOf("\\boxed{");
        while (start >= 0) {
            int depth = 0;
            int open = start + "\\boxed".length();
            for (int i = open; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    return text.substring(open + 1, i);
                }
            }
            // unbalanced (cut off by the budget): try an earlier box
            start = start == 0 ? -1 : text.lastIndexOf("\\boxed{", start - 1);
        }
        return null;
    }
}
