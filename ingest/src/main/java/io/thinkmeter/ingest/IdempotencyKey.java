package io.thinkmeter.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The {@code Idempotency-Key} a client sends with a submission, or the random one ingest picks when it
 * sends none. Every id of the submission derives from it ({@link SubmissionIds}), so sending the same
 * submission again with the same key finds the first one instead of charging for it twice.
 */
public record IdempotencyKey(String value, boolean chosenByClient) {

    public static final String HEADER = "Idempotency-Key";
    static final int MAX_CHARS = 255;

    /**
     * The key of a body sent without one, where a client's retry must find the first attempt: the official
     * OpenAI SDKs retry a timed-out or failed chat completion on their own, without a key. The same body
     * from the same tenant is then the same request (a new answer needs another body: another seed, say).
     */
    public static IdempotencyKey ofBody(byte[] body) {
        try {
            return new IdempotencyKey("sha256-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)),
                    false);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** @throws ApiException 400 unless absent or 1 to 255 printable ASCII characters */
    public static IdempotencyKey parse(String header) {
        if (header == null) {
            return new IdempotencyKey(UUID.randomUUID().toString(), false);
        }
        if (header.isEmpty() || header.length() > MAX_CHARS || !header.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw ApiException.badRequest("the " + HEADER + " header is invalid; nothing was submitted",
                    List.of("header " + HEADER + " must be 1 to " + MAX_CHARS + " printable ASCII characters, was "
                            + (header.isEmpty() ? "empty" : header.length() + " characters")
                            + "; leave it out and ingest picks one"));
        }
        return new IdempotencyKey(header, true);
    }
}
