package io.thinkmeter.grading;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
            return new Verdict(false, null, List.of("predicted or gold answer missing"));
        }
        Optional<String> answer = PredictedAnswer.of(predicted);
        Optional<String> goldAnswer = PredictedAnswer.of(gold);
        if (answer.isEmpty() || goldAnswer.isEmpty()) {
            return new Verdict(false, answer.orElse(null),
                    List.of(answer.isEmpty() ? "no answer found in the prediction" : "the gold answer is empty"));
        }
        if (textShortcuts && sameText(answer.get(), goldAnswer.get())) {
            return new Verdict(true, answer.get(), List.of());
        }
        Comparison comparison = new Comparison(timeout, textShortcuts);
        boolean equal = matcher.equal(AnswerParser.parse(answer.get()), AnswerParser.parse(goldAnswer.get()), comparison);
        return new Verdict(equal, answer.get(), equal ? List.of() : comparison.notes());
    }

    private static boolean sameText(String a, String b) {
        return Texts.canonical(LatexNormalizer.normalize(a)).equals(Texts.canonical(LatexNormalizer.normalize(b)));
    }

    @Override
    public void close() {
        symbolic.close();
    }
}
