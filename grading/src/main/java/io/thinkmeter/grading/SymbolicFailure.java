package io.thinkmeter.grading;

/**
 * A symbolic check gave no answer: it ran out of time, Symja threw, or Symja is unavailable. The
 * comparison then counts as unequal and the reason goes into the {@link Verdict}.
 */
final class SymbolicFailure extends Exception {

    SymbolicFailure(String message) {
        super(message);
    }

    SymbolicFailure(String message, Throwable cause) {
        super(message + ": " + cause, cause);
    }
}
