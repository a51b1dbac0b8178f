package io.thinkmeter.storage;

import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.WireName;
import io.thinkmeter.storage.Prices.Price;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * One row of {@code token_ledger} as written since V12: what a result spent, under which key and budget
 * day, at which price, and its link in the tenant's hash chain ({@link LedgerChain}). Rows from before
 * V12 read back with nulls in those columns ({@link #chained()} false).
 *
 * @param day the UTC date the tokens were spent ({@code spentAt}'s)
 * @param budgetDay the UTC date of the request's submission: the budget window it was charged to
 * @param spentAt the result's finished_at, else when it was stored; in microseconds, as PostgreSQL keeps it
 * @param cost null with every price field when the model had no price on {@code budgetDay}
 */
public record LedgerEntry(Long chainSeq, String requestId, String tenantId, String apiKeyId, String batchId,
                          String pool, String method, String model, String level, LocalDate day, LocalDate budgetDay,
                          Instant spentAt, int promptTokens, int thinkingTokens, int answerTokens, int injectedTokens,
                          int generatedTokens, LocalDate priceValidFrom, BigDecimal inputPricePerMillion,
                          BigDecimal outputPricePerMillion, String currency, BigDecimal cost, String prevHash,
                          String rowHash) {

    /**
     * The entry charging a freshly stored result, not yet linked into its chain.
     *
     * @param storedAt when its results row was stored (the server's clock)
     * @param priceOf the model's price on a day
     */
    static LedgerEntry charging(ProblemResult r, Instant storedAt, PriceLookup priceOf) {
        Instant finished = r.timings() == null ? null : r.timings().finishedAt();
        Instant submitted = r.timings() == null ? null : r.timings().submittedAt();
        // the results row keeps microseconds; the ledger must hash what it keeps
        Instant spentAt = (finished != null ? finished : storedAt).truncatedTo(ChronoUnit.MICROS);
        LocalDate day = utcDate(spentAt);
        LocalDate budgetDay = submitted == null ? day : utcDate(submitted);
        Price price = priceOf.at(r.model(), budgetDay);
        return new LedgerEntry(null, r.requestId(), r.tenant(), r.apiKeyId(), r.batch(), wire(r.pool()),
                wire(r.method()), r.model(), wire(r.level()), day, budgetDay, spentAt, r.promptTokens(),
                r.thinkingTokens(), r.answerTokens(), r.injectedTokens(), r.generatedTokens(),
                price == null ? null : price.validFrom(), price == null ? null : price.inputPerMillion(),
                price == null ? null : price.outputPerMillion(), price == null ? null : price.currency(),
                price == null ? null : price.costOf(r.promptTokens(), r.generatedTokens()), null, null);
    }

    /** The model's price on a day, or null when it had none. */
    @FunctionalInterface
    interface PriceLookup {
        Price at(String model, LocalDate day);
    }

    /** This entry as link {@code seq} of its tenant's chain, after the link whose hash is {@code prevHash}. */
    LedgerEntry linked(long seq, String prevHash) {
        LedgerEntry numbered = new LedgerEntry(seq, requestId, tenantId, apiKeyId, batchId, pool, method, model,
                level, day, budgetDay, spentAt, promptTokens, thinkingTokens, answerTokens, injectedTokens,
                generatedTokens, priceValidFrom, inputPricePerMillion, outputPricePerMillion, currency, cost,
                prevHash, null);
        return new LedgerEntry(seq, requestId, tenantId, apiKeyId, batchId, pool, method, model, level, day,
                budgetDay, spentAt, promptTokens, thinkingTokens, answerTokens, injectedTokens, generatedTokens,
                priceValidFrom, inputPricePerMillion, outputPricePerMillion, currency, cost, prevHash,
                LedgerChain.hash(prevHash, numbered));
    }

    /** Whether the row is in its tenant's chain (false for rows recorded before V12). */
    public boolean chained() {
        return chainSeq != null;
    }

    /** What the row charges to budgets: prompt plus generated tokens, as {@link ProblemResult#spentTokens()}. */
    public long spentTokens() {
        return (long) promptTokens + generatedTokens;
    }

    private static LocalDate utcDate(Instant t) {
        return t.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static String wire(WireName name) {
        return name == null ? null : name.wireName();
    }
}
