package io.thinkmeter.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The {@code token_ledger} columns a {@link LedgerEntry} holds, in both directions: how
 * {@link LedgerAppender} binds entries and how the verifier reads them back (from the auditor's
 * {@code ledger_entries} view, which shows the same columns), side by side.
 */
final class LedgerTable {

    /** Every column, in the order {@link #bind} fills them. */
    static final String COLUMNS = """
            chain_seq, request_id, tenant_id, api_key_id, batch_id, pool, method, model, level, day, budget_day,
            spent_at, prompt_tokens, thinking_tokens, answer_tokens, injected_tokens, generated_tokens,
            price_valid_from, input_price_per_million, output_price_per_million, currency, cost, prev_hash, row_hash
            """;

    /** The array type of each column in {@link #COLUMNS}, for {@code unnest}. */
    static final String ARRAY_TYPES = """
            ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
            ?::date[], ?::date[], ?::timestamptz[], ?::int4[], ?::int4[], ?::int4[], ?::int4[], ?::int4[],
            ?::date[], ?::numeric[], ?::numeric[], ?::text[], ?::numeric[], ?::text[], ?::text[]
            """;

    private LedgerTable() {}

    static void bind(ArrayParameters<LedgerEntry> columns) throws SQLException {
        columns.int8(LedgerEntry::chainSeq)
                .text(LedgerEntry::requestId)
                .text(LedgerEntry::tenantId)
                .text(LedgerEntry::apiKeyId)
                .text(LedgerEntry::batchId)
                .text(LedgerEntry::pool)
                .text(LedgerEntry::method)
                .text(LedgerEntry::model)
                .text(LedgerEntry::level)
                .date(LedgerEntry::day)
                .date(LedgerEntry::budgetDay)
                .instant(LedgerEntry::spentAt)
                .int4(LedgerEntry::promptTokens)
                .int4(LedgerEntry::thinkingTokens)
                .int4(LedgerEntry::answerTokens)
                .int4(LedgerEntry::injectedTokens)
                .int4(LedgerEntry::generatedTokens)
                .date(LedgerEntry::priceValidFrom)
                .numeric(LedgerEntry::inputPricePerMillion)
                .numeric(LedgerEntry::outputPricePerMillion)
                .text(LedgerEntry::currency)
                .numeric(LedgerEntry::cost)
                .text(LedgerEntry::prevHash)
                .text(LedgerEntry::rowHash);
    }

    /** The row {@code rs} is on, selected with {@link #COLUMNS}. */
    static LedgerEntry read(ResultSet rs) throws SQLException {
        OffsetDateTime spentAt = rs.getObject("spent_at", OffsetDateTime.class);
        return new LedgerEntry(rs.getObject("chain_seq", Long.class), rs.getString("request_id"),
                rs.getString("tenant_id"), rs.getString("api_key_id"), rs.getString("batch_id"), rs.getString("pool"),
                rs.getString("method"), rs.getString("model"), rs.getString("level"),
                rs.getObject("day", LocalDate.class), rs.getObject("budget_day", LocalDate.class),
                spentAt == null ? null : spentAt.toInstant(), rs.getInt("prompt_tokens"), rs.getInt("thinking_tokens"),
                rs.getInt("answer_tokens"), rs.getInt("injected_tokens"), rs.getInt("generated_tokens"),
                rs.getObject("price_valid_from", LocalDate.class), rs.getBigDecimal("input_price_per_million"),
                rs.getBigDecimal("output_price_per_million"), rs.getString("currency"), rs.getBigDecimal("cost"),
                rs.getString("prev_hash"), rs.getString("row_hash"));
    }
}
