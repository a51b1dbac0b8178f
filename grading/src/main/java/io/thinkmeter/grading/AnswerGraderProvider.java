package io.thinkmeter.grading;

/**
 * The answer grader as evaluation's {@link Grader}, registered in META-INF/services so `eval` and
 * `calibrate` find it. Its symbolic engine runs on daemon threads, so an unclosed grader never keeps
 * the JVM alive.
 */
public final class AnswerGraderProvider implements Grader {

    private final AnswerGrader grader = new AnswerGrader();

    @Override
    public boolean equal(String predicted, String gold) {
        return grader.equal(predicted, gold);
    }

    @Override
    public GradeOutcome grade(String predicted, String gold) {
        Verdict v = grader.grade(predicted, gold);
        return new GradeOutcome(v.equal(), v.extraction(), v.rules());
    }
}
