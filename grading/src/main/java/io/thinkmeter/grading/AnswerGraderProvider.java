package io.thinkmeter.grading;

import io.thinkmeter.grading.Grader;

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
}
