package io.thinkmeter.grading;

/**
 * One grader for all grading tests in this JVM: Symja's startup (seconds) is paid once. Its symbolic
 * thread is a daemon, so leaving it open at the end of the run keeps nothing alive.
 */
final class SharedGrader {

    static final AnswerGrader GRADER = new AnswerGrader();

    private SharedGrader() {
    }
}
