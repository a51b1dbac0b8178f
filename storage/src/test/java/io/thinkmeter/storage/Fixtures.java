package io.thinkmeter.storage;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.SamplingOptions;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.contracts.Timings;

import io.thinkmeter.testkit.Queries;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Requests and results as the services would send them, and small queries the tests assert on. */
public final class Fixtures {

    public static final Instant FINISHED = Instant.parse("2026-03-02T10:15:30Z");

    private Fixtures() {}

    public static ProblemRequest request(String id, String tenant) {
        return new ProblemRequest(ProblemRequest.SCHEMA_VERSION, id, "line-7", tenant, "b-1", 7,
                "Compute 478 + 356.", 96, Method.TS, null, 2.0, 8, new SamplingOptions(0.7, 20, 0.9, 42L), 3, Pool.SHORT,
                Instant.parse("2026-03-02T10:00:00Z"));
    }

    public static ProblemResult result(String requestId, String tenant) {
        return result(requestId, tenant, "b-1", Pool.SHORT, Method.TS, FINISHED, 12, 40, 9, 2);
    }

    public static ProblemResult result(String requestId, String tenant, String batch, Pool pool, Method method,
                                Instant finishedAt, int prompt, int thinking, int answer, int injected) {
        Timings timings = new Timings(finishedAt.minusSeconds(30), finishedAt.minusSeconds(2), finishedAt, 28_000L, 2_000L);
        boolean tldr = method == Method.TLDR;
        return new ProblemResult(ProblemResult.SCHEMA_VERSION, requestId, "c-" + requestId, tenant, batch, 0, "834",
                "478 + 356 = 834", "834", prompt, thinking, answer, injected, thinking + answer, 200, StopReason.NATURAL,
                tldr ? "tiny-reasoner-tldr" : "tiny-reasoner", method, tldr ? Level.of(pool) : null,
                method == Method.TS ? 2.0 : null, pool, "worker-1", timings, null);
    }

    public static ProblemResult failed(String requestId, String tenant) {
        return new ProblemResult(ProblemResult.SCHEMA_VERSION, requestId, null, tenant, null, null, null, null, null,
                12, 0, 0, 0, 0, 96, StopReason.ERROR, "tiny-reasoner", Method.NONE, null, null, Pool.SHORT, "worker-1", null,
                "model crashed");
    }

    public static void execute(DataSource ds, String sql) throws SQLException {
        Queries.execute(ds, sql);
    }

    public static long count(DataSource ds, String sql, Object... args) throws SQLException {
        return Queries.count(ds, sql, args);
    }

    public static String text(DataSource ds, String sql, Object... args) throws SQLException {
        return Queries.text(ds, sql, args);
    }
}
