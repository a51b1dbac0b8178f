package io.thinkmeter.ingest;

import io.thinkmeter.contracts.RequestState;
import io.thinkmeter.storage.RequestStore;
import io.thinkmeter.storage.StoredResults;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Where one problem stands, as far as PostgreSQL knows: its stored result, else its request row's
 * state. Always within the caller's tenant, so another tenant's id looks unknown, not forbidden.
 */
@ApplicationScoped
public class ProblemLookup {

    private final StoredResults results;
    private final RequestStore requests;

    public ProblemLookup(StoredResults results, RequestStore requests) {
        this.results = results;
        this.requests = requests;
    }

    /** Empty when PostgreSQL has neither a result nor a request row for this id and tenant. */
    public Optional<ProblemView> find(String tenant, String id) {
        return results.find(tenant, id).map(ProblemView::finished)
                // done or error without a result row cannot happen (the sink writes both together);
                // anything short of rejected is still waiting for its result
                .or(() -> requests.status(tenant, id).map(s -> s.state() == RequestState.REJECTED
                        ? ProblemView.rejected(id, s.rejectReason())
                        : ProblemView.submitted(id)));
    }

    /** {@link Fingerprints#problem} of the stored request; empty when PostgreSQL has no request row for it. */
    public Optional<String> fingerprint(String tenant, String id) {
        return requests.submitted(tenant, id).map(s -> Fingerprints.problem(s.problem(), s.budget(), s.method()));
    }
}
