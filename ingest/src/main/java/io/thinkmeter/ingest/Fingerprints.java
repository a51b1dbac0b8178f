package io.thinkmeter.ingest;

import io.thinkmeter.contracts.Method;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of what a client submitted under an idempotency key, so a resubmission can be told from the
 * key's reuse for something else: the same fingerprint is the same submission.
 */
final class Fingerprints {

    private Fingerprints() {}

    /**
     * A batch: its defaults (already checked, so neither holds a line break) then the body's bytes as
     * sent. {@code ?budget=096} and {@code ?budget=96} are the same batch.
     */
    static String batch(byte[] body, BatchDefaults defaults) {
        MessageDigest sha = sha256();
        sha.update(("budget=" + (defaults.budget() == null ? "" : defaults.budget()) + "\nmethod="
                + (defaults.method() == null ? "" : defaults.method().wireName()) + "\n").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest(body));
    }

    /** A single problem, by what decides its work and its cost: the text, the budget and the method. */
    static String problem(String problem, int budget, Method method) {
        MessageDigest sha = sha256();
        // the text goes last: budget and method hold no line break, so the split is unambiguous
        sha.update((budget + "\n" + method.wireName() + "\n").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest(problem.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
