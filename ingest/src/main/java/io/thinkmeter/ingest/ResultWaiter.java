package io.thinkmeter.ingest;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds a {@code wait=true} call until its problem has an outcome in PostgreSQL or the time is up.
 * Polling, because results reach PostgreSQL through the storage sink, which tells nobody; a poll is
 * one indexed primary-key read, and the connection goes back to the pool between polls.
 */
@ApplicationScoped
public class ResultWaiter {

    /** Short enough that a fast result is not held back noticeably, long enough to cost nothing. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(75);

    private final ProblemLookup lookup;

    public ResultWaiter(ProblemLookup lookup) {
        this.lookup = lookup;
    }

    /**
     * Every one of {@code ids} (a chat completion's samples), within one {@code timeout} for all of them.
     *
     * @return their views in order: final ones, and {@code pending} for any the time ran out on
     */
    public List<ProblemView> awaitAll(String tenant, List<String> ids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProblemView> views = new ArrayList<>(ids.size());
        for (String id : ids) {
            views.add(await(tenant, id, Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
        }
        return views;
    }

    /** @return the final view (done, error, rejected), or {@code pending} when {@code timeout} ran out */
    public ProblemView await(String tenant, String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ProblemView view = lookup.find(tenant, id).orElse(null);
            if (view != null && view.isFinal()) {
                return view;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return ProblemView.pending(id);
            }
            try {
                Thread.sleep(Math.max(1, Math.min(POLL_INTERVAL.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                // the server is stopping: give the caller what is known rather than an error
                Thread.currentThread().interrupt();
                return ProblemView.pending(id);
            }
        }
    }
}
