package io.thinkmeter.contracts;

/**
 * One message of a chat conversation, as OpenAI's chat completions take it (text only).
 *
 * @param role {@code system}, {@code developer}, {@code user} or {@code assistant}; whether the model can
 *             take it is its chat template's business
 * @param content the message's text
 */
public record ChatMessage(String role, String content) {

    public static final String USER = "user";
}
