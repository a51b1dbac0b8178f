package io.thinkmeter.storage;

import java.util.List;

/**
 * What {@link LedgerAudit} checked and found.
 *
 * @param discrepancies everything wrong, each naming its request (none: the ledger is whole)
 * @param refused results on the topic that storage refuses (dead-lettered, never charged): not errors
 * @param topicResults distinct request ids read from the results topic
 * @param chainedRows ledger rows in a tenant's chain, every link checked
 * @param unchainedRows ledger rows from before the chain (V12): counted and reconciled, not hash-checked
 * @param beyondRetention results rows whose results Kafka has deleted with the topic's retention: checked against
 *        the ledger, not against the topic
 */
public record AuditReport(List<Discrepancy> discrepancies, List<Discrepancy> refused, long topicResults,
                          long resultRows, long ledgerRows, long chainedRows, long unchainedRows, int tenants,
                          long beyondRetention) {

    public boolean whole() {
        return discrepancies.isEmpty();
    }

    /** One line for people: the counts and the verdict. */
    public String summary() {
        return (whole() ? "ledger whole" : discrepancies.size() + " discrepancies") + ": " + tenants + " tenants, "
                + topicResults + " results on the topic (" + refused.size() + " refused by storage), " + resultRows
                + " results rows, " + ledgerRows + " ledger rows (" + chainedRows + " chained, " + unchainedRows
                + " unchained from before V12)" + (beyondRetention == 0 ? "" : "; " + beyondRetention
                + " results rows older than the results topic's retention, checked against the ledger only");
    }
}
