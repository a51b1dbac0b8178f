package io.thinkmeter.storage;

import io.thinkmeter.contracts.ProblemResult;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Charges freshly stored results to the token ledger, priced and linked into each tenant's hash chain,
 * on the caller's connection and inside its transaction, with a handful of statements for any number of
 * rows.
 *
 * <p>A chain is a sequence, so appends to one tenant's chain are serialized: each transaction takes the
 * tenant's advisory transaction lock (in sorted tenant order, so two sinks wait for each other instead of
 * deadlocking), and only then reads the chain's last link, which every earlier holder has committed.
 */
final class LedgerAppender {

    private static final String LOCK_TENANTS = """
            SELECT pg_advisory_xact_lock(hashtextextended('token_ledger:' || t.tenant, 0))
            FROM (SELECT tenant FROM unnest(?::text[]) AS u(tenant) ORDER BY tenant OFFSET 0) AS t
            """;

    private static final String LAST_LINKS = """
            SELECT u.tenant, l.chain_seq, l.row_hash
            FROM unnest(?::text[]) AS u(tenant)
            JOIN LATERAL (SELECT chain_seq, row_hash FROM token_ledger
                          WHERE tenant_id = u.tenant AND chain_seq IS NOT NULL
                          ORDER BY chain_seq DESC LIMIT 1) AS l ON true
            """;

    private static final String ALREADY_CHARGED = "SELECT request_id FROM token_ledger WHERE request_id = ANY (?)";

    private static final String INSERT = "INSERT INTO token_ledger (" + LedgerTable.COLUMNS
            + ") SELECT * FROM unnest(" + LedgerTable.ARRAY_TYPES + ")";

    private LedgerAppender() {}

    /**
     * @param fresh results this transaction has just stored, sorted by request id
     * @param storedAt each one's results.stored_at
     * @return the entries written, each linked into its tenant's chain
     */
    static List<LedgerEntry> append(Connection c, List<ProblemResult> fresh, Map<String, Instant> storedAt)
            throws SQLException {
        // A results row is written once, and its ledger row with it; a ledger row already there for a fresh
        // result means its results row was removed by hand. The ledger keeps the first charge and the chain
        // stays gapless; the verifier reports the mismatch.
        Set<String> charged = alreadyCharged(c, fresh);
        List<ProblemResult> toCharge = fresh.stream().filter(r -> !charged.contains(r.requestId())).toList();
        if (toCharge.isEmpty()) {
            return List.of();
        }
        PriceBook prices = Prices.book(c, toCharge.stream().map(ProblemResult::model).toList());
        Set<String> tenants = new TreeSet<>();
        toCharge.forEach(r -> tenants.add(r.tenant()));
        Array tenantArray = c.createArrayOf("text", tenants.toArray(new String[0]));
        lock(c, tenantArray);
        Map<String, Link> last = lastLinks(c, tenantArray);

        List<LedgerEntry> entries = new ArrayList<>(toCharge.size());
        for (ProblemResult r : toCharge) {
            LedgerEntry entry = LedgerEntry.charging(r, storedAt.get(r.requestId()), (m, d) -> prices.at(m, d).orElse(null));
            Link before = last.getOrDefault(r.tenant(), Link.START);
            LedgerEntry linked = entry.linked(before.seq() + 1, before.hash());
            last.put(r.tenant(), new Link(linked.chainSeq(), linked.rowHash()));
            entries.add(linked);
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            LedgerTable.bind(new ArrayParameters<>(c, ps, entries));
            ps.executeUpdate();
        }
        return entries;
    }

    private record Link(long seq, String hash) {
        static final Link START = new Link(0, LedgerChain.GENESIS);
    }

    private static Set<String> alreadyCharged(Connection c, List<ProblemResult> fresh) throws SQLException {
        Set<String> charged = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(ALREADY_CHARGED)) {
            ps.setArray(1, c.createArrayOf("text", fresh.stream().map(ProblemResult::requestId).toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    charged.add(rs.getString(1));
                }
            }
        }
        return charged;
    }

    private static void lock(Connection c, Array tenants) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK_TENANTS)) {
            ps.setArray(1, tenants);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // each row is one lock taken
                }
            }
        }
    }

    private static Map<String, Link> lastLinks(Connection c, Array tenants) throws SQLException {
        Map<String, Link> last = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(LAST_LINKS)) {
            ps.setArray(1, tenants);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last.put(rs.getString(1), new Link(rs.getLong(2), rs.getString(3)));
                }
            }
        }
        return last;
    }
}
