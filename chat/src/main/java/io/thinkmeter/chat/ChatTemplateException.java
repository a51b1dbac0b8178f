package io.thinkmeter.chat;

/** A conversation the model's chat template cannot express (its {@code raise_exception}), or a template that fails. */
public final class ChatTemplateException extends RuntimeException {

    public ChatTemplateException(String message) {
        super(message);
    }
}
