package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A budget crossed its soft threshold: the payload of {@link Topics#SPEND_ALERTS} (key = the tenant),
 * schema 1. Raised by the scheduler at most once per budget and period.
 *
 * @param apiKeyId the key whose budget it is; null for the tenant's own budget
 * @param window the budget's window
 * @param period the window's period, {@code 2026-11-28} or {@code 2026-11}
 * @param limitTokens the budget
 * @param thresholdTokens the soft threshold, in tokens (the limit times the threshold share, rounded down)
 * @param settledTokens tokens actually spent in the period when the alert was raised
 * @param reservedTokens tokens reserved by requests still in flight then
 * @param at when it was raised
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpendAlert(int schemaVersion, String tenant, String apiKeyId, BudgetWindow window, String period,
                         long limitTokens, long thresholdTokens, long settledTokens, long reservedTokens, Instant at) {

    public static final int SCHEMA_VERSION = 1;
}
