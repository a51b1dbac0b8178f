package io.thinkmeter.evaluation;

import io.thinkmeter.grading.Grader;
import java.util.ServiceLoader;

/**
 * Finds the answer grader the commands use. The grader is registered as a {@link ServiceLoader}
 * provider of {@link Grader} ({@code META-INF/services/io.thinkmeter.grading.Grader}) rather than named
 * here, so evaluation does not depend on a particular grader's class.
 */
public final class Graders {

    private Graders() {}

    /** @throws IllegalStateException when no grader is registered: accuracy would be meaningless without one */
    public static Grader load() {
        return ServiceLoader.load(Grader.class, Graders.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no answer grader is registered: evaluation needs a "
                        + Grader.class.getName() + " provider listed in META-INF/services/" + Grader.class.getName()));
    }
}
