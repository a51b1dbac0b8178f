package io.thinkmeter.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the final answer out of generated text, with the priorities Math-Verify (Hugging Face's grader)
 * documents: a box or a final-answer statement first, then an answer phrase, then the last mathematics
 * written. The rules ({@link Rule}), first that finds something wins:
 *
 * <ol>
 *   <li><b>The last box, or a later final-answer line.</b> The content of the last {@code \boxed{...}} or
 *       {@code \fbox{...}}, nested braces allowed, or the token after a brace-less {@code \boxed 5}. When
 *       the answer prefix ({@code Final Answer:}, which budget forcing injects) or "final answer is"
 *       comes after the last box, the answer on that line wins: the model answered again after its box.</li>
 *   <li><b>An answer phrase.</b> The answer after the last "answer is" or "answer:" ({@code Answer: $17$},
 *       {@code The answer is \[ 42 \]}).</li>
 *   <li><b>The last mathematics.</b> The content of the last {@code $...$}, {@code $$...$$}, {@code \[...\]}
 *       or {@code \(...\)}, or the last number or fraction ({@code 1/2}) after it: {@code Hence $y \le 3$
 *       holds.} gives {@code y \le 3}, {@code so 7 apples remain} gives {@code 7}. A minus sign after a
 *       letter, digit or closing bracket is subtraction; exponents and subscripts are not numbers.</li>
 * </ol>
 * On the line after an anchor (a prefix or phrase) the answer is the line itself, up to the end of its
 * sentence, when it reads as an answer; when it is prose ({@code Final Answer: the smallest $k$ is 7.})
 * it is the mathematics after its last "is" or "=", else its first mathematics, else its last number.
 *
 * <p><b>Cut off is no answer.</b> A text that stops inside its last box ({@code So the total is \boxed{1})
 * or, when no box or final-answer line precedes, inside a math span or a brace group, was cut off by the
 * budget while writing its answer: {@link Rule#CUT_OFF}, no answer, never the digit read from inside
 * the broken box. A budget-forcing answer line after a cut-off box still counts.
 */
public final class AnswerExtractor {

    /** Which rule found the answer, or why there is none. */
    public enum Rule {
        BOX("last \\boxed"),
        FINAL_ANSWER_LINE("final-answer line"),
        ANSWER_PHRASE("answer phrase"),
        LAST_MATH("last mathematics"),
        LAST_NUMBER("last number"),
        CUT_OFF("cut off: no answer"),
        NOTHING("no answer found");

        private final String label;

        Rule(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The answer (null when none) and the rule that found it or the reason there is none. */
    public record Extraction(String answer, Rule rule) {
        static Extraction none(Rule why) {
            return new Extraction(null, why);
        }
    }

    private static final Pattern BOX_START = Pattern.compile("\\\\(?:boxed|fbox)\\s*\\{|\\\\boxed\\s+(?=[^\\s{])");
    private static final Pattern FINAL_ANSWER = Pattern.compile("(?i)\\bfinal\\s+answer\\s*(?:is\\b\\s*:?|:)\\s*");
    private static final Pattern ANSWER_PHRASE = Pattern.compile("(?i)\\banswers?\\s*(?:is\\b\\s*:?|are\\b\\s*:?|:)\\s*");
    /** Two words of two letters or more in a row: a sentence, not an answer ({@code \text{...}} and commands aside). */
    private static final Pattern PROSE = Pattern.compile("(?<![\\\\A-Za-z])[A-Za-z]{2,}[,;]?\\s+[A-Za-z]{2,}(?![A-Za-z]*\\s*[}(])");
    private static final Pattern TEXT_GROUP = Pattern.compile("\\\\(?:text|mbox|textbf|mathrm|operatorname)\\s*\\{[^{}]*}");
    private static final Pattern JOINER = Pattern.compile("\\s*(?:,|;|,?\\s*and|,?\\s*or)\\s*");
    private static final Pattern BOX_JOINER =
            Pattern.compile("[\\s$]*(?:,|;|,?\\s*(?:\\\\text\\{\\s*)?(?:and|or)(?:\\s*})?)[\\s$]*(?:[A-Za-z]\\s*=\\s*)?");
    private static final Pattern INLINE_MATH = Pattern.compile("(?<!\\\\)\\$\\$?(?:\\\\\\$|[^$])*\\$?\\$");
    private static final Pattern WORD = Pattern.compile("(?<![\\\\A-Za-z])[A-Za-z]{2,}");
    private static final Pattern UNESCAPED_DOLLAR = Pattern.compile("(?<!\\\\)\\$");
    private static final Pattern LAST_IS = Pattern.compile("(?i)(?:\\bis|\\bare|=)\\s*:?\\s*");
    /**
     * A number: an optional minus sign unless it follows a letter, digit or closing bracket (then it is
     * subtraction); digits with optional thousands groups and decimals, or {@code .5}; a simple fraction
     * {@code 1/2}. Not a number: digits glued to other digits or a point, and exponents and subscripts
     * ({@code cm^2}, {@code a_{1}}).
     */
    private static final Pattern NUMBER = Pattern.compile(
            "(?:(?<![\\p{L}\\p{N})\\]])-)?(?<![\\p{N}.^_/])(?<!\\^\\{)(?<!_\\{)"
                    + "(?:(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.\\d+)?(?:/\\d+(?![\\d.]))?|\\.\\d+)");

    private final String answerPrefix;

    public AnswerExtractor(String answerPrefix) {
        this.answerPrefix = answerPrefix;
    }

    /** The answer, or null when there is none. */
    public String extract(String text) {
        return extraction(text).answer();
    }

    public Extraction extraction(String text) {
        Box box = lastBox(text);
        int finalLine = lastFinalAnswer(text);
        if (finalLine >= 0 && (box == null || finalLine > box.start())) {
            String answer = answerIn(restOfLine(text, finalLine));
            if (answer != null) {
                return new Extraction(answer, Rule.FINAL_ANSWER_LINE);
            }
        }
        if (box != null) {
            return box.content() == null ? Extraction.none(Rule.CUT_OFF) : new Extraction(box.content(), Rule.BOX);
        }
        if (MathSpans.endsOpen(text)) {
            return Extraction.none(Rule.CUT_OFF);
        }
        Extraction phrase = afterAnswerPhrase(text);
        if (phrase != null) {
            return phrase;
        }
        return lastMathematics(text);
    }

    /** The last box start and its content: null content when the text ends inside it. */
    private record Box(int start, int end, String content) {
    }

    /**
     * The last box that is not empty, with up to four boxes before it joined to it by a comma, "and" or
     * "or" ({@code \boxed{2}, \boxed{3} and \boxed{5}} gives {@code 2, 3, 5}: several answers); its
     * content null when the text stops inside it.
     */
    private static Box lastBox(String text) {
        Matcher m = BOX_START.matcher(text);
        List<Box> boxes = new ArrayList<>();
        while (m.find()) {
            boolean braced = text.charAt(m.end() - 1) == '{';
            String content = braced ? braced(text, m.end() - 1) : bareToken(text, m.end());
            if (content == null) {
                return new Box(m.start(), text.length(), null); // cut off: nothing after it closes
            }
            int end = braced ? m.end() + content.length() + 1 : m.end() + content.length();
            if (!content.isBlank()) {
                boxes.add(new Box(m.start(), end, content.strip()));
            }
        }
        if (boxes.isEmpty()) {
            return null;
        }
        int last = boxes.size() - 1;
        int first = last;
        while (first > 0 && last - first < 4
                && BOX_JOINER.matcher(text.substring(boxes.get(first - 1).end(), boxes.get(first).start())).matches()) {
            first--;
        }
        List<String> contents = boxes.subList(first, last + 1).stream().map(Box::content).toList();
        return new Box(boxes.get(first).start(), boxes.get(last).end(), String.join(", ", contents));
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

    /** Where the text after the last answer prefix or "final answer is" starts; -1 when there is none. */
    private int lastFinalAnswer(String text) {
        int at = text.lastIndexOf(answerPrefix);
        int after = at < 0 ? -1 : at + answerPrefix.length();
        Matcher m = FINAL_ANSWER.matcher(text);
        while (m.find()) {
            if (m.start() >= at) {
                after = Math.max(after, m.end());
            }
        }
        return after;
    }

    /** Rule 2: the answer after the last "answer is" / "answer:" that has one. */
    private static Extraction afterAnswerPhrase(String text) {
        Matcher m = ANSWER_PHRASE.matcher(text);
        int after = -1;
        while (m.find()) {
            after = m.end();
        }
        if (after < 0) {
            return null;
        }
        String answer = answerIn(restOfLine(text, after));
        return answer == null ? null : new Extraction(answer, Rule.ANSWER_PHRASE);
    }

    /**
     * The answer on the line after an anchor: its first math span when it starts with one; the line up
     * to its sentence's end when that reads as an answer; in prose, the mathematics after its last
     * "is" or "=", else its first math span, else its last number.
     */
    static String answerIn(String line) {
        String s = line.strip();
        if (s.isEmpty()) {
            return null;
        }
        List<MathSpans.Span> spans = MathSpans.closed(s);
        if (!spans.isEmpty() && spans.get(0).start() <= 2 && !spans.get(0).content().isEmpty()) {
            return whole(connectedFromFirst(s, spans));
        }
        String sentence = sentence(s);
        if (!isProse(sentence)) {
            return whole(unwrapDollars(sentence));
        }
        Matcher is = LAST_IS.matcher(sentence);
        int after = -1;
        while (is.find()) {
            after = is.end();
        }
        if (after >= 0 && after < sentence.length()) {
            String rest = sentence.substring(after);
            List<MathSpans.Span> restSpans = MathSpans.closed(rest);
            if (!restSpans.isEmpty() && restSpans.get(0).start() <= 2) {
                return whole(restSpans.get(0).content());
            }
            if (!isProse(rest)) {
                return whole(unwrapDollars(rest));
            }
        }
        if (!spans.isEmpty()) {
            return whole(spans.get(0).content());
        }
        return lastNumber(sentence);
    }

    /** Rule 3: the last math span, or the last number when it comes later. */
    private static Extraction lastMathematics(String text) {
        List<MathSpans.Span> spans = MathSpans.closed(text).stream().filter(sp -> !sp.content().isEmpty()).toList();
        Matcher m = NUMBER.matcher(text);
        String number = null;
        int numberEnd = -1;
        while (m.find()) {
            number = m.group();
            numberEnd = m.end();
        }
        MathSpans.Span span = spans.isEmpty() ? null : spans.get(spans.size() - 1);
        if (span != null && span.end() >= numberEnd) {
            String content = whole(connected(text, spans));
            return content == null ? Extraction.none(Rule.CUT_OFF) : new Extraction(content, Rule.LAST_MATH);
        }
        return number == null ? Extraction.none(Rule.NOTHING) : new Extraction(number, Rule.LAST_NUMBER);
    }

    /**
     * The last span's content, with up to four spans before it joined to it by a comma, "and" or "or"
     * ({@code $2$, $3$ and $5$} gives {@code 2, 3, 5}): several answers, as Math-Verify reads them.
     */
    private static String connected(String text, List<MathSpans.Span> spans) {
        int last = spans.size() - 1;
        int first = last;
        while (first > 0 && last - first < 4 && joined(text, spans, first - 1)) {
            first--;
        }
        return join(spans, first, last);
    }

    /** The first span's content, with up to four spans after it joined to it ({@code Answer: $2$ and $3$}). */
    private static String connectedFromFirst(String text, List<MathSpans.Span> spans) {
        int last = 0;
        while (last + 1 < spans.size() && last < 4 && joined(text, spans, last)) {
            last++;
        }
        return join(spans, 0, last);
    }

    /** True when only a comma, "and" or "or" stands between span {@code i} and the next. */
    private static boolean joined(String text, List<MathSpans.Span> spans, int i) {
        return JOINER.matcher(text.substring(closeEnd(text, spans.get(i)), openStart(text, spans.get(i + 1)))).matches();
    }

    private static String join(List<MathSpans.Span> spans, int first, int last) {
        StringBuilder joined = new StringBuilder();
        for (int i = first; i <= last; i++) {
            joined.append(i > first ? ", " : "").append(trimSentencePunctuation(spans.get(i).content()));
        }
        return joined.toString();
    }

    /** Where the span's closing delimiter ends. */
    private static int closeEnd(String text, MathSpans.Span span) {
        int i = span.end();
        while (i < text.length() && (text.charAt(i) == '$' || text.charAt(i) == '\\' || text.charAt(i) == ']' || text.charAt(i) == ')')
                && i - span.end() < 2) {
            i++;
        }
        return i;
    }

    /** Where the span's opening delimiter starts. */
    private static int openStart(String text, MathSpans.Span span) {
        int i = span.start();
        while (i > 0 && (text.charAt(i - 1) == '$' || text.charAt(i - 1) == '\\' || text.charAt(i - 1) == '[' || text.charAt(i - 1) == '(')
                && span.start() - i < 2) {
            i--;
        }
        return i;
    }

    /** The last integer, decimal or simple fraction in the text; null when there is none. */
    static String lastNumber(String text) {
        Matcher m = NUMBER.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return last;
    }

    /** An answer with unbalanced braces was cut off or is malformed: none. */
    private static String whole(String answer) {
        String s = trimSentencePunctuation(answer.strip());
        return s.isEmpty() || MathSpans.openBraces(s) > 0 || UNESCAPED_DOLLAR.matcher(s).results().count() % 2 == 1 ? null : s;
    }

    /**
     * True when the text is a sentence, not a bare answer: two words in a row outside {@code \text{...}},
     * or a word beside {@code $...$} mathematics ({@code Hence $y \le 3$ holds.}).
     */
    public static boolean isProse(String s) {
        String words = TEXT_GROUP.matcher(s).replaceAll(" ");
        return PROSE.matcher(words).find()
                || s.indexOf('$') >= 0 && WORD.matcher(INLINE_MATH.matcher(words).replaceAll(" ")).find();
    }

    private static String restOfLine(String text, int from) {
        String rest = text.substring(from);
        int newline = rest.indexOf('\n');
        return (newline < 0 ? rest : rest.substring(0, newline)).strip();
    }

    /** Up to a period followed by a space ({@code 3.5. Done} gives {@code 3.5}). */
    private static String sentence(String line) {
        int stop = line.indexOf(". ");
        return trimSentencePunctuation((stop >= 0 ? line.substring(0, stop) : line).strip());
    }

    private static String unwrapDollars(String s) {
        String t = s.strip();
        while (t.length() >= 2 && t.startsWith("$") && t.endsWith("$")) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    /** Drops a closing {@code .,;}, but keeps an ellipsis: {@code 0.999...} is a repeating decimal. */
    private static String trimSentencePunctuation(String s) {
        if (s.endsWith("...")) {
            return s;
        }
        int end = s.length();
        while (end > 0 && ".,;".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }
}
