package io.thinkmeter.ingest;

import java.util.List;
import java.util.UUID;

/**
 * The {@code Idempotency-Key} a client sends with a submission, or the random one ingest picks when it
 * sends none. Every id of the submission derives from it ({@link SubmissionIds}), so sending the same
 * submission again with the same key finds the first one instead of charging for it twice.
 */
record IdempotencyKey(String value, boolean chosenByClient) {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_CHARS = 255;

    /** @throws ApiException 400 unless absent or 1 to 255 printable ASCII characters */
    static IdempotencyKey parse(String header) {
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
