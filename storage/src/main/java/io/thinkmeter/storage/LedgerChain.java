package io.thinkmeter.storage;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The ledger's hash chain, the one place its formula lives: the sink links rows with it and the
 * auditor's verifier recomputes it. Each tenant has its own chain, links numbered 1, 2, 3...; a link's
 * {@code row_hash} is the lower-case hex SHA-256 of the UTF-8 bytes of {@code prev_hash} (64 zeros for
 * a tenant's first link) followed by {@link #encode the row's content}. Changing, removing or inserting
 * any row breaks every hash after it, so a chain whose last hash is known cannot be rewritten unseen.
 * storage/README.md writes the encoding out so an auditor can recompute it without this code.
 */
public final class LedgerChain {

    /** The prev_hash of a tenant's first link. */
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter SPENT_AT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private LedgerChain() {}

    /** The row_hash of {@code entry} (its chain_seq set) after the link whose hash is {@code prevHash}. */
    public static String hash(String prevHash, LedgerEntry entry) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((prevHash + encode(entry)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The row's content, unambiguously: each field in a fixed order as {@code ~;} when null, else as the
     * length of its UTF-8 bytes in decimal, a colon, the value and a semicolon ({@code 7:acme-01;}), so no
     * value can pass for another however it is cut.
     */
    public static String encode(LedgerEntry e) {
        StringBuilder out = new StringBuilder(256);
        field(out, e.chainSeq() == null ? null : Long.toString(e.chainSeq()));
        field(out, e.requestId());
        field(out, e.tenantId());
        field(out, e.apiKeyId());
        field(out, e.batchId());
        field(out, e.pool());
        field(out, e.method());
        field(out, e.model());
        field(out, e.level());
        field(out, date(e.day()));
        field(out, date(e.budgetDay()));
        field(out, instant(e.spentAt()));
        field(out, Integer.toString(e.promptTokens()));
        field(out, Integer.toString(e.thinkingTokens()));
        field(out, Integer.toString(e.answerTokens()));
        field(out, Integer.toString(e.injectedTokens()));
        field(out, Integer.toString(e.generatedTokens()));
        field(out, date(e.priceValidFrom()));
        field(out, decimal(e.inputPricePerMillion()));
        field(out, decimal(e.outputPricePerMillion()));
        field(out, e.currency());
        field(out, decimal(e.cost()));
        return out.toString();
    }

    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append("~;");
            return;
        }
        out.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value).append(';');
    }

    private static String date(LocalDate day) {
        return day == null ? null : day.toString();
    }

    /** UTC, always six fraction digits: 2026-03-02T10:15:30.000000Z */
    private static String instant(Instant t) {
        return t == null ? null : SPENT_AT.format(t);
    }

    /** Plain (no exponent), no trailing zeros, so 0.40 and 0.4 (the same amount) encode alike: 0.4, 12, 0 */
    private static String decimal(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
    }
}
