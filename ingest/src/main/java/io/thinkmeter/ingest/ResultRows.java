package io.thinkmeter.ingest;

import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.Timings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reads a {@code results} row back into the result contract, the form callers get it in. */
final class ResultRows {

    /** The columns {@link #read} expects, in a {@code SELECT} from {@code results}. */
    static final String COLUMNS = """
            request_id, tenant_id, batch_id, sequence, client_id, final_answer, thinking, answer, prompt_tokens,
            thinking_tokens, answer_tokens, injected_tokens, generated_tokens, budget, stop_reason, model, method,
            level, stop_temperature, pool, worker, submitted_at, started_at, finished_at, queued_ms, decode_ms, error
            """;

    private ResultRows() {}

    static ProblemResult read(ResultSet rs) throws SQLException {
        Timings timings = new Timings(instant(rs, "submitted_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"), rs.getObject("queued_ms", Long.class), rs.getObject("decode_ms", Long.class));
        String pool = rs.getString("pool");
        return new ProblemResult(ProblemResult.SCHEMA_VERSION, rs.getString("request_id"), rs.getString("client_id"),
                rs.getString("tenant_id"), rs.getString("batch_id"), rs.getObject("sequence", Integer.class),
                rs.getString("final_answer"), rs.getString("thinking"), rs.getString("answer"),
                rs.getInt("prompt_tokens"), rs.getInt("thinking_tokens"), rs.getInt("answer_tokens"),
                rs.getInt("injected_tokens"), rs.getInt("generated_tokens"), rs.getInt("budget"),
                rs.getString("stop_reason"), rs.getString("model"), rs.getString("method"), rs.getString("level"),
                rs.getObject("stop_temperature", Double.class), pool == null ? null : Pool.fromWireName(pool),
                rs.getString("worker"), timings, rs.getString("error"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
