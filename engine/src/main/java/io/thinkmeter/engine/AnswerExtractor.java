package io.thinkmeter.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the final answer out of generated text. The rules are tried in this order and the first one
 * that finds something wins; {@link #extract} returns null when none does.
 *
 * <ol>
 *   <li><b>The last box.</b> The content of the last {@code \boxed{...}} or {@code \fbox{...}}, nested
 *       braces allowed ({@code \boxed{\frac{1}{2}}} gives {@code \frac{1}{2}}), or the token after a
 *       brace-less {@code \boxed 5} (up to the next space or {@code $}, a trailing {@code .,;} dropped).
 *       A box cut off by the budget ({@code \boxed{\frac{1}{}) is skipped for an earlier one: it holds
 *       no whole answer. The last box wins because models box a draft and then a corrected answer.</li>
 *   <li><b>The answer prefix line.</b> The rest of the line after the last answer prefix (the model's,
 *       e.g. {@code Final Answer:}): {@code "Final Answer: 42\n..."} gives {@code 42}.</li>
 *   <li><b>"The answer is".</b> The rest of the sentence after the last "the answer is" or "the final
 *       answer is" (any case, an optional colon): up to the line's end or a period followed by a space,
 *       one pair of {@code $} around it and a closing period removed. {@code "So the answer is $12$."}
 *       gives {@code 12}; {@code "the answer is 3.5. Done"} gives {@code 3.5}.</li>
 *   <li><b>The last number.</b> The last integer or decimal in the text, with its minus sign (a
 *       hyphen after a letter, digit or closing bracket is subtraction, not a sign) and thousands
 *       separators ({@code 1,234} as a whole), not an exponent or subscript: {@code "... so 7 apples remain"}
 *       gives {@code 7}, {@code "area 12 cm^2"} gives {@code 12}. The
 *       least reliable rule, kept last: the text had no stated answer at all.</li>
 * </ol>
 */
public final class AnswerExtractor {

    private static final Pattern BOX_START = Pattern.compile("\\\\(?:boxed|fbox)\\s*\\{|\\\\boxed\\s+(?=[^\\s{])");
    private static final Pattern ANSWER_IS =
            Pattern.compile("(?i)\\bthe\\s+(?:final\\s+)?answer\\s+is\\s*:?\\s*");
    /**
     * A number: an optional minus sign unless it follows a letter, digit or closing bracket (then it is
     * subtraction); digits with optional thousands groups and decimals, or {@code .5}. Not a number:
     * digits glued to other digits or a point, and exponents and subscripts ({@code cm^2}, {@code a_{1}}).
     */
    private static final Pattern NUMBER = Pattern.compile(
            "(?:(?<![\\p{L}\\p{N})\\]])-)?(?<![\\p{N}.^_])(?<!\\^\\{)(?<!_\\{)"
                    + "(?:(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.\\d+)?|\\.\\d+)");

    private final String answerPrefix;

    public AnswerExtractor(String answerPrefix) {
        this.answerPrefix = answerPrefix;
    }

    public String extract(String text) {
        String answer = lastBoxed(text);
        if (answer == null) {
            answer = afterPrefix(text);
        }
        if (answer == null) {
            answer = afterAnswerIs(text);
        }
        if (answer == null) {
            answer = lastNumber(text);
        }
        return answer;
    }

    /** Rule 1: the last whole box, braced or not; null when there is none. */
    static String lastBoxed(String text) {
        Matcher m = BOX_START.matcher(text);
        String last = null;
        while (m.find()) {
            String content = text.charAt(m.end() - 1) == '{' ? braced(text, m.end() - 1) : bareToken(text, m.end());
            if (content != null && !content.isBlank()) {
                last = content.strip();
            }
        }
        return last;
    }

    /** The content of the group opening at {@code open}; null when the text ends first. */
    private static String braced(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                i++; // an escaped brace (\{) does not open or close the box
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(open + 1, i);
            }
        }
        return null;
    }

    private static String bareToken(String text, int from) {
        int end = from;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '$') {
            end++;
        }
        return trimSentencePunctuation(text.substring(from, end));
    }

    /** Rule 2: the rest of the line after the last answer prefix. */
    private String afterPrefix(String text) {
        int at = text.lastIndexOf(answerPrefix);
        if (at < 0) {
            return null;
        }
        String line = firstLine(text.substring(at + answerPrefix.length()).strip());
        return line.isEmpty() ? null : line;
    }

    /** Rule 3: the rest of the sentence after the last "the answer is". */
    static String afterAnswerIs(String text) {
        Matcher m = ANSWER_IS.matcher(text);
        int end = -1;
        while (m.find()) {
            end = m.end();
        }
        if (end < 0) {
            return null;
        }
        String sentence = firstLine(text.substring(end));
        int stop = sentence.indexOf(". ");
        if (stop >= 0) {
            sentence = sentence.substring(0, stop);
        }
        sentence = trimSentencePunctuation(sentence.strip());
        if (sentence.length() >= 2 && sentence.startsWith("$") && sentence.endsWith("$")) {
            sentence = trimSentencePunctuation(sentence.substring(1, sentence.length() - 1).strip());
        }
        return sentence.isEmpty() ? null : sentence;
    }

    /** Rule 4: the last integer or decimal. */
    static String lastNumber(String text) {
        Matcher m = NUMBER.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return last;
    }

    private static String firstLine(String s) {
        int newline = s.indexOf('\n');
        return (newline < 0 ? s : s.substring(0, newline)).strip();
    }

    private static String trimSentencePunctuation(String s) {
        int end = s.length();
        while (end > 0 && ".,;".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }
}
