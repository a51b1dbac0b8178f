package io.thinkmeter.grading;

/** The text is not an expression {@link MathParser} reads; the grader then compares it as text. */
final class MathSyntaxException extends RuntimeException {

    MathSyntaxException(String message, String input, int position) {
        super(message + " at " + position + " in '" + input + "'");
    }
}
