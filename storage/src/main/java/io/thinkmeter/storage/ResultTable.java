package io.thinkmeter.storage;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.RequestState;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.contracts.Timings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The {@code results} table's columns in both directions: how {@link ResultSink} binds a
 * {@link ProblemResult} to them and how {@link StoredResults} reads one back, side by side, so a column
 * added to one direction cannot be forgotten in the other.
 */
final class ResultTable {

    /** Every column, in the order {@link #bind} fills them. */
    static final String COLUMNS = """
            request_id, tenant_id, batch_id, sequence, client_id, final_answer, thinking, answer, prompt_tokens,
            thinking_tokens, answer_tokens, injected_tokens, generated_tokens, budget, stop_reason, model, method,
            level, stop_temperature, pool, worker, submitted_at, started_at, finished_at, queued_ms, decode_ms, error,
            api_key_id
            """;

    /** The array type of each column in {@link #COLUMNS}, for {@code unnest}. */
    static final String ARRAY_TYPES = """
            ?::text[], ?::text[], ?::text[], ?::int4[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int4[],
            ?::int4[], ?::int4[], ?::int4[], ?::int4[], ?::int4[], ?::text[], ?::text[], ?::text[],
            ?::text[], ?::float8[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],
            ?::int8[], ?::int8[], ?::text[], ?::text[]
            """;

    /** SQL: the state a request ends in once the results row {@code r} is stored ({@link RequestState#of}). */
    static final String STATE_OF_RESULT = "CASE WHEN r.error IS NULL THEN " + Sql.literal(RequestState.DONE)
            + " ELSE " + Sql.literal(RequestState.ERROR) + " END";

    private static final Timings NO_TIMINGS = new Timings(null, null, null, null, null);

    private ResultTable() {}

    static void bind(ArrayParameters<ProblemResult> columns) throws SQLException {
        columns.text(ProblemResult::requestId)
                .text(ProblemResult::tenant)
                .text(ProblemResult::batch)
                .int4(ProblemResult::sequence)
                .text(ProblemResult::clientId)
                .freeText(ProblemResult::finalAnswer)
                .freeText(ProblemResult::thinking)
                .freeText(ProblemResult::answer)
                .int4(ProblemResult::promptTokens)
                .int4(ProblemResult::thinkingTokens)
                .int4(ProblemResult::answerTokens)
                .int4(ProblemResult::injectedTokens)
                .int4(ProblemResult::generatedTokens)
                .int4(ProblemResult::budget)
                .name(ProblemResult::stopReason)
                .text(ProblemResult::model)
                .name(ProblemResult::method)
                .name(ProblemResult::level)
                .float8(ProblemResult::stopTemperature)
                .name(ProblemResult::pool)
                .text(ProblemResult::worker)
                .instant(r -> timings(r).submittedAt())
                .instant(r -> timings(r).startedAt())
                .instant(r -> timings(r).finishedAt())
                .int8(r -> timings(r).queuedMillis())
                .int8(r -> timings(r).decodeMillis())
                .freeText(ProblemResult::error)
                .text(ProblemResult::apiKeyId);
    }

    /** The row {@code rs} is on, selected with {@link #COLUMNS}, as the result contract. */
    static ProblemResult read(ResultSet rs) throws SQLException {
        Timings timings = new Timings(instant(rs, "submitted_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"), rs.getObject("queued_ms", Long.class), rs.getObject("decode_ms", Long.class));
        String pool = rs.getString("pool");
        String method = rs.getString("method");
        String level = rs.getString("level");
        return new ProblemResult(ProblemResult.SCHEMA_VERSION, rs.getString("request_id"), rs.getString("client_id"),
                rs.getString("tenant_id"), rs.getString("batch_id"), rs.getObject("sequence", Integer.class),
                rs.getString("final_answer"), rs.getString("thinking"), rs.getString("answer"),
                rs.getInt("prompt_tokens"), rs.getInt("thinking_tokens"), rs.getInt("answer_tokens"),
                rs.getInt("injected_tokens"), rs.getInt("generated_tokens"), rs.getInt("budget"),
                StopReason.fromWireName(rs.getString("stop_reason")), rs.getString("model"),
                method == null ? null : Method.fromWireName(method), level == null ? null : Level.fromWireName(level),
                rs.getObject("stop_temperature", Double.class), pool == null ? null : Pool.fromWireName(pool),
                rs.getString("worker"), timings, rs.getString("error"), rs.getString("api_key_id"));
    }

    private static Timings timings(ProblemResult r) {
        return r.timings() == null ? NO_TIMINGS : r.timings();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
