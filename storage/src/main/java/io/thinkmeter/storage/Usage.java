package io.thinkmeter.storage;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Spend over time from the ledger: its rows summed per time bucket (by when the tokens were spent,
 * {@code spent_at}; {@code recorded_at} for rows from before V12), per chosen groups and per currency. The
 * group-by columns come from a fixed list ({@link Group}): no caller's text ever reaches the SQL.
 */
public final class Usage {

    /** What spend may be grouped by, and the ledger column behind each. */
    public enum Group {
        MODEL("model", "model"),
        API_KEY("api_key", "api_key_id"),
        BATCH("batch", "batch_id"),
        POOL("pool", "pool"),
        METHOD("method", "method"),
        TENANT("tenant", "tenant_id");

        private final String wireName;
        private final String column;

        Group(String wireName, String column) {
            this.wireName = wireName;
            this.column = column;
        }

        /** Its name in {@code group_by}. */
        public String wireName() {
            return wireName;
        }

        /** The field a result row names its value by: the ledger's column name. */
        public String column() {
            return column;
        }
    }

    /**
     * What to sum.
     *
     * @param start the first bucket starts here (inclusive)
     * @param end exclusive; the last bucket ends here, however short
     * @param width the buckets' width
     * @param groups what to group by, besides currency, in the order given
     * @param tenant only this tenant's rows; null: every tenant's
     */
    public record Query(Instant start, Instant end, Duration width, List<Group> groups, String tenant) {
        public Query {
            if (start == null || end == null || !end.isAfter(start)) {
                throw new IllegalArgumentException("a usage query needs a start before its end, was " + start
                        + " to " + end);
            }
            if (width == null || width.isNegative() || width.isZero() || width.toSeconds() * 1_000_000_000L
                    != width.toNanos()) {
                throw new IllegalArgumentException("a bucket is a positive whole number of seconds, was " + width);
            }
            groups = List.copyOf(groups);
        }
    }

    /**
     * One group's spend in one bucket, in one currency.
     *
     * @param bucketStart the start of the bucket it fell in
     * @param groups the group values (null where the ledger has none, such as a request in no batch)
     * @param currency null for rows without a price (no cost)
     * @param cost exact; null when unpriced
     */
    public record Row(Instant bucketStart, Map<Group, String> groups, String currency, long requests,
                      long promptTokens, long thinkingTokens, long answerTokens, long injectedTokens,
                      long generatedTokens, BigDecimal cost) {
        public Row {
            // values may be null (a request in no batch), which Map.copyOf refuses
            EnumMap<Group, String> copy = new EnumMap<>(Group.class);
            copy.putAll(groups);
            groups = Collections.unmodifiableMap(copy);
        }
    }

    private final DataSource dataSource;

    public Usage(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The rows, by bucket, then by the groups' values and currency. Buckets without spend have no row. */
    public List<Row> query(Query q) {
        StringBuilder select = new StringBuilder();
        StringBuilder groupBy = new StringBuilder();
        for (Group g : q.groups()) {
            select.append(", ").append(g.column());
            groupBy.append(", ").append(g.column());
        }
        String sql = """
                WITH spent AS (SELECT *, coalesce(spent_at, recorded_at) AS at FROM token_ledger)
                SELECT date_bin(?::bigint * interval '1 second', at, ?) AS bucket%s, currency,
                       count(*), sum(prompt_tokens), sum(thinking_tokens), sum(answer_tokens), sum(injected_tokens),
                       sum(generated_tokens), sum(cost)
                FROM spent
                WHERE at >= ? AND at < ? AND (?::text IS NULL OR tenant_id = ?)
                GROUP BY bucket%s, currency
                ORDER BY bucket%s, currency NULLS LAST
                """.formatted(select, groupBy, groupBy);
        return Transactions.inTransaction(dataSource, "sum the ledger's usage", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, q.width().toSeconds());
                Sql.setInstant(ps, 2, q.start());
                Sql.setInstant(ps, 3, q.start());
                Sql.setInstant(ps, 4, q.end());
                ps.setString(5, q.tenant());
                ps.setString(6, q.tenant());
                List<Row> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs, q.groups()));
                    }
                }
                return rows;
            }
        });
    }

    private static Row row(ResultSet rs, List<Group> groups) throws SQLException {
        Map<Group, String> values = new EnumMap<>(Group.class);
        int i = 2;
        for (Group g : groups) {
            values.put(g, rs.getString(i++));
        }
        return new Row(rs.getObject(1, OffsetDateTime.class).toInstant(), values, rs.getString(i), rs.getLong(i + 1),
                rs.getLong(i + 2), rs.getLong(i + 3), rs.getLong(i + 4), rs.getLong(i + 5), rs.getLong(i + 6),
                rs.getBigDecimal(i + 7));
    }
}
