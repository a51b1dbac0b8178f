package io.thinkmeter.storage;

import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.storage.Prices.Price;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The auditor's proof that the ledger is whole. Logged in as an auditor (who reads the views
 * {@code ledger_entries} and {@code result_tokens} and nothing else), it
 * <ul>
 * <li>recomputes every tenant's hash chain ({@link LedgerChain}): no gap in chain_seq, each prev_hash the
 *     row_hash before it, each row_hash that of the row's content, each cost the tokens at the row's price;</li>
 * <li>reconciles the ledger with the results table and with the results topic (as the caller read it):
 *     every result on the topic has a results row and a ledger row with its counts, every results row a
 *     ledger row with equal counts, every ledger row a results row, and each tenant's totals agree across
 *     the three.</li>
 * </ul>
 * Each discrepancy names the request, its tenant and chain_seq, and what is wrong. Ledger rows from before
 * the chain (V12) are counted as unchained, not reported. A result storage refuses (a negative count, no
 * tenant: dead-lettered, never charged) is listed apart, not as missing.
 */
public final class LedgerAudit {

    private static final String LEDGER = "SELECT " + LedgerTable.COLUMNS
            + " FROM ledger_entries ORDER BY tenant_id, chain_seq NULLS FIRST, request_id";
    private static final String RESULTS = """
            SELECT request_id, tenant_id, prompt_tokens, thinking_tokens, answer_tokens, injected_tokens,
                   generated_tokens, stored_at
            FROM result_tokens
            """;

    private final DataSource auditor;

    public LedgerAudit(DataSource auditor) {
        this.auditor = auditor;
    }

    /** @param storedAt when the results row was stored; null for a result read from the topic */
    private record Row(String tenant, TokenCounts counts, Instant storedAt) {}

    /**
     * Reads both views first, then the topic: every results row was on the topic before it was stored, so
     * a topic read to its end after the snapshot holds them all, and a row reported missing from it is. A
     * result on the topic the sink has not stored yet is reported as missing from the tables: verify a
     * stack whose sink has caught up.
     *
     * @param topic the results topic's records from its beginning, read lazily (after the snapshot); repeats
     *              of a request id are fine
     */
    public AuditReport verify(Iterator<ProblemResult> topic) {
        return verify(topic, TopicRetention.WHOLE);
    }

    /**
     * As {@link #verify(Iterator)}, for a topic whose oldest records Kafka may have deleted: a results row
     * stored before its partition's first retained record, and absent from the topic, is counted as beyond the
     * topic's retention and left out of the totals the topic is compared with; it is checked against the ledger
     * (its row, the counts, the chain) as every row is.
     *
     * @param retention asked once the topic was read to its end
     */
    public AuditReport verify(Iterator<ProblemResult> topic, TopicRetention retention) {
        List<Discrepancy> found = new ArrayList<>();
        List<Discrepancy> refused = new ArrayList<>();
        List<LedgerEntry> ledger = new ArrayList<>();
        Map<String, Row> results = new HashMap<>();
        try (Connection c = auditor.getConnection()) {
            // one snapshot for both views, so a result stored meanwhile is in both or neither
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            readLedger(c, ledger);
            readResults(c, results);
            c.commit();
        } catch (SQLException e) {
            throw new StorageException("could not read the ledger_entries and result_tokens views (is the login a "
                    + "member of thinkmeter_auditor?)", e);
        }
        Map<String, Row> onTopic = readTopic(topic, found, refused);
        long chained = checkChains(ledger, found);
        Map<String, LedgerEntry> ledgerById = new HashMap<>();
        ledger.forEach(e -> ledgerById.put(e.requestId(), e));
        Set<String> beyondRetention = beyondRetention(onTopic, results, retention);
        reconcile(onTopic, results, ledgerById, beyondRetention, found);
        compareTotals(onTopic, results, ledger, beyondRetention, found);
        found.sort(Comparator.comparing((Discrepancy d) -> String.valueOf(d.tenant()))
                .thenComparing(d -> d.chainSeq() == null ? 0 : d.chainSeq())
                .thenComparing(d -> String.valueOf(d.requestId())));
        TreeSet<String> tenants = new TreeSet<>();
        onTopic.values().forEach(r -> tenants.add(r.tenant()));
        results.values().forEach(r -> tenants.add(r.tenant()));
        ledger.forEach(e -> tenants.add(e.tenantId()));
        return new AuditReport(List.copyOf(found), List.copyOf(refused), onTopic.size(), results.size(), ledger.size(),
                chained, ledger.size() - chained, tenants.size(), beyondRetention.size());
    }

    /** Results rows not on the topic, stored before the topic's retained records of their partition began. */
    private static Set<String> beyondRetention(Map<String, Row> onTopic, Map<String, Row> results,
                                               TopicRetention retention) {
        Set<String> beyond = new HashSet<>();
        results.forEach((id, stored) -> {
            if (onTopic.containsKey(id) || stored.storedAt() == null) {
                return;
            }
            Instant since = retention.retainedSince(id);
            if (since != null && stored.storedAt().isBefore(since)) {
                beyond.add(id);
            }
        });
        return beyond;
    }

    private static Map<String, Row> readTopic(Iterator<ProblemResult> topic, List<Discrepancy> found,
                                              List<Discrepancy> refused) {
        Map<String, Row> onTopic = new LinkedHashMap<>();
        Map<String, String> refusedIds = new HashMap<>();
        while (topic.hasNext()) {
            ProblemResult r = topic.next();
            var why = ResultSink.refusal(r);
            if (why.isPresent()) {
                if (r != null && refusedIds.putIfAbsent(String.valueOf(r.requestId()), why.get()) == null) {
                    refused.add(new Discrepancy(r.requestId(), r.tenant(), null, "refused by storage, never charged: "
                            + why.get()));
                }
                continue;
            }
            Row row = new Row(r.tenant(), TokenCounts.of(r), null);
            Row first = onTopic.putIfAbsent(r.requestId(), row);
            // a redelivered result is the same result; one with other counts is a second, different charge
            if (first != null && !first.equals(row)) {
                found.add(new Discrepancy(r.requestId(), r.tenant(), null, "the results topic holds two different "
                        + "results for it (" + first.counts() + " and " + row.counts() + "); storage charged the first"));
            }
        }
        return onTopic;
    }

    private static void readLedger(Connection c, List<LedgerEntry> ledger) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LEDGER)) {
            ps.setFetchSize(5_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ledger.add(LedgerTable.read(rs));
                }
            }
        }
    }

    private static void readResults(Connection c, Map<String, Row> results) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RESULTS)) {
            ps.setFetchSize(5_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime stored = rs.getObject(8, OffsetDateTime.class);
                    results.put(rs.getString(1), new Row(rs.getString(2), new TokenCounts(rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)),
                            stored == null ? null : stored.toInstant()));
                }
            }
        }
    }

    /** @param ledger ordered by tenant, then chain_seq (unchained rows first) */
    private static long checkChains(List<LedgerEntry> ledger, List<Discrepancy> found) {
        long chained = 0;
        String tenant = null;
        long expected = 1;
        String prevHash = LedgerChain.GENESIS;
        for (LedgerEntry e : ledger) {
            if (!e.tenantId().equals(tenant)) {
                tenant = e.tenantId();
                expected = 1;
                prevHash = LedgerChain.GENESIS;
            }
            if (!e.chained()) {
                continue;
            }
            chained++;
            long seq = e.chainSeq();
            if (seq != expected) {
                found.add(at(e, seq > expected
                        ? "chain_seq jumps from " + (expected - 1) + " to " + seq + ": " + (seq == expected + 1
                        ? "row " + expected + " is" : "rows " + expected + " to " + (seq - 1) + " are")
                        + " missing from the ledger"
                        : "chain_seq " + seq + " out of order (expected " + expected + ")"));
            } else if (!Objects.equals(e.prevHash(), prevHash)) {
                found.add(at(e, "prev_hash " + e.prevHash() + " does not link to chain_seq " + (seq - 1)
                        + (seq == 1 ? " (the chain's start, 64 zeros)" : " (whose row_hash is " + prevHash + ")")));
            }
            String recomputed = LedgerChain.hash(e.prevHash(), e);
            if (!recomputed.equals(e.rowHash())) {
                found.add(at(e, "row_hash does not match the row's content: the row was changed after it was "
                        + "written (recomputed " + recomputed + ", stored " + e.rowHash() + ")"));
            }
            checkCost(e, found);
            expected = seq + 1;
            // the next row links to what is stored here: a forged row is reported once, not at every row after it
            prevHash = e.rowHash();
        }
        return chained;
    }

    private static void checkCost(LedgerEntry e, List<Discrepancy> found) {
        if (e.cost() == null) {
            return;
        }
        try {
            Price price = new Price(e.model(), e.priceValidFrom(), e.inputPricePerMillion(), e.outputPricePerMillion(),
                    e.currency());
            if (price.costOf(e.promptTokens(), e.generatedTokens()).compareTo(e.cost()) != 0) {
                found.add(at(e, "cost " + e.cost().toPlainString() + " is not its tokens at its price ("
                        + price.costOf(e.promptTokens(), e.generatedTokens()).toPlainString() + ")"));
            }
        } catch (IllegalArgumentException bad) {
            found.add(at(e, "its price is not a valid price: " + bad.getMessage()));
        }
    }

    private static void reconcile(Map<String, Row> onTopic, Map<String, Row> results, Map<String, LedgerEntry> ledger,
                                  Set<String> beyondRetention, List<Discrepancy> found) {
        onTopic.forEach((id, topic) -> {
            Row stored = results.get(id);
            LedgerEntry charged = ledger.get(id);
            if (stored == null) {
                found.add(new Discrepancy(id, topic.tenant(), seqOf(charged),
                        "on the results topic (" + topic.counts() + ") but has no results row"));
            } else if (!stored.counts().equals(topic.counts())) {
                found.add(new Discrepancy(id, topic.tenant(), seqOf(charged), "results row has " + stored.counts()
                        + " but the results topic has " + topic.counts()));
            } else if (!stored.tenant().equals(topic.tenant())) {
                found.add(new Discrepancy(id, topic.tenant(), seqOf(charged), "results row belongs to tenant "
                        + stored.tenant() + " but the results topic's result to tenant " + topic.tenant()));
            }
            if (charged == null) {
                found.add(new Discrepancy(id, topic.tenant(), null,
                        "on the results topic (" + topic.counts() + ") but has no ledger row"));
            } else if (!TokenCounts.of(charged).equals(topic.counts())) {
                found.add(at(charged, "ledger row has " + TokenCounts.of(charged) + " but the results topic has "
                        + topic.counts()));
            }
        });
        results.forEach((id, stored) -> {
            LedgerEntry charged = ledger.get(id);
            if (charged == null) {
                if (!onTopic.containsKey(id)) { // else said above
                    found.add(new Discrepancy(id, stored.tenant(), null, "results row (" + stored.counts()
                            + ") has no ledger row"));
                }
            } else if (!TokenCounts.of(charged).equals(stored.counts())) {
                found.add(at(charged, "ledger row has " + TokenCounts.of(charged) + " but its results row has "
                        + stored.counts()));
            } else if (!charged.tenantId().equals(stored.tenant())) {
                found.add(at(charged, "ledger row is charged to tenant " + charged.tenantId() + " but its results row "
                        + "belongs to tenant " + stored.tenant()));
            }
            if (!onTopic.containsKey(id) && !beyondRetention.contains(id)) {
                found.add(new Discrepancy(id, stored.tenant(), seqOf(charged),
                        "results row is not on the results topic (" + stored.counts() + ")"));
            }
        });
        ledger.forEach((id, charged) -> {
            if (!results.containsKey(id)) {
                found.add(at(charged, "ledger row (" + TokenCounts.of(charged) + ") has no results row"));
            }
        });
    }

    /** Per tenant, over what the topic can still show: rows beyond its retention are left out of all three. */
    private static void compareTotals(Map<String, Row> onTopic, Map<String, Row> results, List<LedgerEntry> ledger,
                                      Set<String> beyondRetention, List<Discrepancy> found) {
        Map<String, TokenCounts> topicTotals = new HashMap<>();
        Map<String, TokenCounts> resultTotals = new HashMap<>();
        Map<String, TokenCounts> ledgerTotals = new HashMap<>();
        onTopic.values().forEach(r -> topicTotals.merge(r.tenant(), r.counts(), TokenCounts::plus));
        results.forEach((id, r) -> {
            if (!beyondRetention.contains(id)) {
                resultTotals.merge(r.tenant(), r.counts(), TokenCounts::plus);
            }
        });
        ledger.stream().filter(e -> !beyondRetention.contains(e.requestId()))
                .forEach(e -> ledgerTotals.merge(e.tenantId(), TokenCounts.of(e), TokenCounts::plus));
        TreeSet<String> tenants = new TreeSet<>(topicTotals.keySet());
        tenants.addAll(resultTotals.keySet());
        tenants.addAll(ledgerTotals.keySet());
        for (String tenant : tenants) {
            TokenCounts topic = topicTotals.getOrDefault(tenant, TokenCounts.ZERO);
            TokenCounts stored = resultTotals.getOrDefault(tenant, TokenCounts.ZERO);
            TokenCounts charged = ledgerTotals.getOrDefault(tenant, TokenCounts.ZERO);
            if (!topic.equals(stored) || !stored.equals(charged)) {
                found.add(new Discrepancy(null, tenant, null, "totals disagree: results topic " + topic
                        + "; results rows " + stored + "; ledger " + charged));
            }
        }
    }

    private static Discrepancy at(LedgerEntry e, String problem) {
        return new Discrepancy(e.requestId(), e.tenantId(), e.chainSeq(), problem);
    }

    private static Long seqOf(LedgerEntry e) {
        return e == null ? null : e.chainSeq();
    }
}
