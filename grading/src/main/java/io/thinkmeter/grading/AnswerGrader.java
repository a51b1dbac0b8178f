package io.thinkmeter.grading;

import java.time.Duration;
import java.util.List;

/**
 * Decides whether a model's answer equals a gold answer, the way a mathematician would, and errs only
 * towards "unequal": no rule makes two different answers equal, and what cannot be decided in time is
 * unequal. The rules live in the classes named below; grading/README.md lists them with
 * examples.
 * <ol>
 *   <li>{@link PredictedAnswer}: extract the answer from a whole output ({@code \boxed}, {@code Final Answer:}).</li>
 *   <li>{@link AnswerParser}: normalise the LaTeX ({@link LatexNormalizer}) and read the structure:
 *       lists, tuples and intervals, sets, unions, matrices, equations, words and values.</li>
 *   <li>{@link AnswerMatcher}: compare the structures; {@link ScalarComparator} compares values (units,
 *       exact rationals, {@link Tolerance}, and Symja for the rest).</li>
 * </ol>
 * Thread-safe; symbolic checks run one at a time on one Symja thread. Each call spends at most the
 * symbolic timeout (default 2 s) in Symja (a second more when a Symja thread must be abandoned, see
 * {@link SymbolicEngine}), plus Symja's one-time startup (2 to 4 s) on the first call that needs it.
 * Close it to stop that thread.
 */
public final class AnswerGrader implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final Duration timeout;
    private final boolean textShortcuts;
    private final SymbolicEngine symbolic = new SymbolicEngine();
    private final AnswerMatcher matcher;

    public AnswerGrader() {
        this(DEFAULT_TIMEOUT);
    }

    /** @param timeout the most time one {@link #grade} call may spend in symbolic checks */
    public AnswerGrader(Duration timeout) {
        this(timeout, true);
    }

    /** {@code textShortcuts} false: identical texts are not taken as equal without parsing (tests only). */
    AnswerGrader(Duration timeout, boolean textShortcuts) {
        this.timeout = timeout;
        this.textShortcuts = textShortcuts;
        this.matcher = new AnswerMatcher(new ScalarComparator(symbolic), new EquationRelation(symbolic));
    }

    /** True when {@code predicted} (a whole model output or a bare answer) equals the bare {@code gold} answer. */
    public boolean equal(String predicted, String gold) {
        return grade(predicted, gold).equal();
    }

    public Verdict grade(String predicted, String gold) {
        if (predicted == null || gold == null) {
            return new Verdict(false, null, null, List.of(), List.of("predicted or gold answer missing"));
        }
        String goldAnswer = PredictedAnswer.gold(gold);
        if (textShortcuts && goldAnswer != null && sameText(predicted, goldAnswer)) {
            // the whole prediction is the gold, even one written as a sentence (OlympiadBench has some)
            return new Verdict(true, predicted.strip(), PredictedAnswer.BARE, List.of(Rule.SAME_TEXT.label()), List.of());
        }
        PredictedAnswer.Taken answer = PredictedAnswer.of(predicted);
        if (answer.answer() == null || goldAnswer == null) {
            return new Verdict(false, answer.answer(), answer.rule(), List.of(),
                    List.of(answer.answer() == null ? "no answer found in the prediction" : "the gold answer is empty"));
        }
        if (textShortcuts && sameText(answer.answer(), goldAnswer)) {
            return new Verdict(true, answer.answer(), answer.rule(), List.of(Rule.SAME_TEXT.label()), List.of());
        }
        Comparison comparison = new Comparison(timeout, textShortcuts);
        boolean equal = matcher.equal(AnswerParser.parse(answer.answer()), AnswerParser.parse(goldAnswer), comparison);
        List<String> rules = comparison.rules().stream().map(Rule::label).toList();
        return new Verdict(equal, answer.answer(), answer.rule(), rules, equal ? List.of() : comparison.notes());
    }

    private static boolean sameText(String a, String b) {
        return Texts.canonical(LatexNormalizer.normalize(a)).equals(Texts.canonical(LatexNormalizer.normalize(b)));
    }

    @Override
    public void close() {
        symbolic.close();
    }
}
