package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.ChatMessage;
import io.thinkmeter.contracts.ProblemRequest;

/**
 * The most prompt tokens a request can take, known before any tokenizer runs: what admission reserves
 * beside the budget. The tiny models' tokenizers are byte-level BPE: every token stands for at least one
 * byte of the text, so a text never takes more tokens than its UTF-8 bytes. The chat template adds its
 * own tokens around the text: a fixed allowance for the whole prompt and one per message (a problem is one
 * user message). So: UTF-8 bytes of the problem (or of every message's content for a chat request)
 * + {@code fixed} + {@code perMessage} x messages.
 *
 * @param fixed template tokens around the whole prompt (default 16)
 * @param perMessage template tokens around each message (default 8)
 */
public record PromptBound(int fixed, int perMessage) {

    public static final int DEFAULT_FIXED = 16;
    public static final int DEFAULT_PER_MESSAGE = 8;

    public PromptBound {
        if (fixed < 0 || perMessage < 0) {
            throw new IllegalArgumentException("prompt allowances must be 0 or more, were " + fixed + " and "
                    + perMessage);
        }
    }

    public static PromptBound defaults() {
        return new PromptBound(DEFAULT_FIXED, DEFAULT_PER_MESSAGE);
    }

    public long of(ProblemRequest request) {
        if (request.messages() != null && !request.messages().isEmpty()) {
            long bytes = 0;
            for (ChatMessage message : request.messages()) {
                bytes += utf8Bytes(message == null ? null : message.content()) + perMessage;
            }
            return fixed + bytes;
        }
        return fixed + perMessage + utf8Bytes(request.problem());
    }

    /** Counted without encoding, so a long problem costs no copy. */
    static long utf8Bytes(String text) {
        if (text == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4; // a supplementary character: two chars, four bytes
                i++;
            } else {
                bytes += 3; // the rest of the BMP, and a lone surrogate (encoded as '?', at most 3)
            }
        }
        return bytes;
    }
}
