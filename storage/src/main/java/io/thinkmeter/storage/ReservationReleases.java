package io.thinkmeter.storage;

import io.thinkmeter.contracts.ReservationReleased;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code reservation_releases} table: each reservation the scheduler gave back without a result
 * (a {@link ReservationReleased} from the spend releases topic), filed once per request id beside the
 * ledger, so the release and its reason can be audited. The table is append-only: a redelivered release
 * changes nothing.
 */
public final class ReservationReleases {

    private static final String INSERT = """
            INSERT INTO reservation_releases (request_id, tenant_id, api_key_id, batch_id, reserved_tokens, reason,
                                              reserved_at, released_at)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::text[], ?::timestamptz[],
                                 ?::timestamptz[])
            ON CONFLICT (request_id) DO NOTHING
            """;

    private final DataSource dataSource;

    public ReservationReleases(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return true when this call filed it, false when it was already filed */
    public boolean record(ReservationReleased release) {
        requireStorable(release);
        return Transactions.inTransaction(dataSource, "file the release of request " + release.requestId(),
                c -> recordAll(c, List.of(release)) == 1);
    }

    /**
     * Files the releases on {@code c}, inside the caller's transaction, in one statement; those already
     * filed, and repeats in the list, are skipped.
     *
     * @return how many this call filed
     * @throws IllegalArgumentException before any write, for a release the table cannot hold
     */
    public static int recordAll(Connection c, List<ReservationReleased> unordered) throws SQLException {
        if (unordered.isEmpty()) {
            return 0;
        }
        unordered.forEach(ReservationReleases::requireStorable);
        // one order of ids for every writer, so two sinks replaying a partition wait instead of deadlocking
        List<ReservationReleased> releases = unordered.stream()
                .sorted(Comparator.comparing(ReservationReleased::requestId)).toList();
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            new ArrayParameters<>(c, ps, releases)
                    .text(ReservationReleased::requestId)
                    .text(ReservationReleased::tenant)
                    .text(ReservationReleased::apiKeyId)
                    .text(ReservationReleased::batch)
                    .int8(ReservationReleased::reservedTokens)
                    .freeText(ReservationReleased::reason)
                    .instant(ReservationReleased::reservedAt)
                    .instant(ReservationReleased::releasedAt);
            return ps.executeUpdate();
        }
    }

    /** Refuses, before any write, a release the table would refuse, with a reason naming it. */
    private static void requireStorable(ReservationReleased r) {
        if (r == null) {
            throw new IllegalArgumentException("cannot file a null reservation release");
        }
        String id = Sql.requireText(r.requestId(), "request_id", "a reservation release");
        Sql.requireStorableIdentifier(id, "request_id", "a reservation release");
        String of = "the reservation release of request " + id;
        Sql.requireText(r.tenant(), "tenant", of);
        Sql.requireText(r.reason(), "reason", of);
        Sql.requireStorableIdentifier(r.tenant(), "tenant", of);
        Sql.requireStorableIdentifier(r.apiKeyId(), "api_key_id", of);
        Sql.requireStorableIdentifier(r.batch(), "batch", of);
        if (r.reservedTokens() < 0) {
            throw new IllegalArgumentException(of + " has a negative reserved_tokens (" + r.reservedTokens() + ")");
        }
    }
}
