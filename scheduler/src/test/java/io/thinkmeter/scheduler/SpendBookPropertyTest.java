package io.thinkmeter.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.contracts.TenantQuota;
import io.thinkmeter.contracts.TenantQuota.KeyBudget;
import io.thinkmeter.contracts.Timings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Thousands of random streams through the books (seeded, so a failure names the seed that replays it):
 * random budgets for tenants and keys, day and month; requests with random budgets, prompts, keys and
 * submission days (across a month's end); results with random actual spend up to the reservation, errors
 * and cancellations (nothing spent), results delivered twice and in any order, results lost and their
 * reservations timed out. After every step, every limited budget holds settled + reserved within its
 * limit and reserved equals what the reservations in flight hold; at the end, nothing is reserved, each
 * budget's settled tokens are exactly the sum of its distinct results' spend (the ledger's sums), and every
 * request was routed once or refused once.
 *
 * <p>A result that arrives after its reservation was released is charged in full, so it may overrun a
 * limit: {@link #aResultAfterItsTimeoutIsChargedInFullAndOverrunsByNoMoreThanItsSpend} covers that case.
 */
class SpendBookPropertyTest {

    private static final Instant START = Instant.parse("2026-11-30T08:00:00Z");
    private static final Duration TIMEOUT = Duration.ofHours(48);
    private static final List<Instant> SUBMISSION_DAYS = List.of(Instant.parse("2026-11-29T10:00:00Z"),
            Instant.parse("2026-11-30T10:00:00Z"), Instant.parse("2026-12-01T10:00:00Z"));
    private static final String[] TENANTS = {"t1", "t2"};
    private static final String TEXT = "Compute 478 + 356 – é∑ 😀 ";

    @Test
    void settledAndReservedNeverExceedALimitAndEveryRequestEndsOnce() {
        Coverage seen = new Coverage();
        for (long seed = 1; seed <= 2_000; seed++) {
            new Stream(seed, false, seen, new InMemorySpendState()).run();
        }
        seen.assertReached(false, 2_000);
    }

    @Test
    void aResultAfterItsTimeoutIsChargedInFullAndOverrunsByNoMoreThanItsSpend() {
        Coverage seen = new Coverage();
        for (long seed = 1; seed <= 1_000; seed++) {
            new Stream(seed, true, seen, new InMemorySpendState()).run();
        }
        seen.assertReached(true, 1_000);
    }

    /** The same streams over the topology's state stores (in memory, every value through its JSON form). */
    @Test
    void theSameHoldsInKafkaStreamsStateStores() {
        Coverage seen = new Coverage();
        for (long seed = 1; seed <= 150; seed++) {
            new Stream(seed, seed % 2 == 0, seen, StoreStates.create()).run();
        }
        seen.assertReached(true, 150);
    }

    /** How often the streams reached each case, so a generator that stopped reaching one fails loudly. */
    private static final class Coverage {
        long parked;
        long parkedThenRouted;
        long parkedThenRefused;
        long refusedAtOnce;
        long released;
        long duplicates;
        long late;

        /** Each case at least once in 20 streams (refusal after parking: once in 200). */
        void assertReached(boolean lateResults, int streams) {
            long often = streams / 20;
            String counts = "parked " + parked + ", then routed " + parkedThenRouted + ", then refused "
                    + parkedThenRefused + ", refused at once " + refusedAtOnce + ", released " + released
                    + ", duplicate results " + duplicates + ", late results " + late;
            assertTrue(parked > often && parkedThenRouted > often && parkedThenRefused > often / 10
                    && refusedAtOnce > often && released > often && duplicates > often
                    && (!lateResults || late > often / 2), counts);
        }
    }

    /** One random stream, with the model of what the books must hold. */
    private static final class Stream {

        private final long seed;
        private final Random random;
        private final boolean lateResults;
        private final Map<String, TenantQuota> quotas = new HashMap<>();
        private final SpendState state;
        private final RecordingOutlet out = new RecordingOutlet();
        private final BudgetLimits limits;
        private final SpendBook book;
        private final Map<String, ProblemRequest> requests = new LinkedHashMap<>();
        /** Routed, no result delivered, not lost. */
        private final Set<String> inFlight = new LinkedHashSet<>();
        /** Routed, whose result will only come after its reservation is released (or never). */
        private final Set<String> lost = new LinkedHashSet<>();
        private final Map<String, ProblemResult> delivered = new LinkedHashMap<>();
        /** Tokens of results that came after their reservation's release, per budget: the allowed overrun. */
        private final Map<BudgetKey, Long> lateSpend = new HashMap<>();
        private final List<String> routedSeen = new ArrayList<>();
        private final Set<String> parked = new LinkedHashSet<>();
        private final Coverage seen;
        private Instant now = START;
        private int nextId;

        Stream(long seed, boolean lateResults, Coverage seen, SpendState state) {
            this.seed = seed;
            this.state = state;
            this.seen = seen;
            this.random = new Random(seed);
            this.lateResults = lateResults;
            for (String tenant : TENANTS) {
                Map<String, KeyBudget> keys = new HashMap<>();
                for (String key : List.of(tenant + "-k1", tenant + "-k2")) {
                    keys.put(key, new KeyBudget(maybeLimit(150, 1_500), maybeLimit(400, 4_000)));
                }
                quotas.put(tenant, new TenantQuota(TenantQuota.SCHEMA_VERSION, tenant, maybeLimit(200, 2_500),
                        maybeLimit(600, 6_000), random.nextBoolean() ? null : 0.1 + 0.9 * random.nextDouble(), keys));
            }
            SchedulerConfig config = SchedulerConfig.defaults().withReservationTimeout(TIMEOUT)
                    .withPromptBound(new PromptBound(random.nextInt(20), random.nextInt(10)));
            limits = new BudgetLimits(config, quotas::get);
            book = new SpendBook(state, limits, config, out, SpendObserver.NONE);
        }

        private Long maybeLimit(int min, int max) {
            return random.nextInt(4) == 0 ? null : (long) (min + random.nextInt(max - min));
        }

        void run() {
            int steps = 20 + random.nextInt(100);
            for (int step = 0; step < steps; step++) {
                int dice = random.nextInt(100);
                if (dice < 45) {
                    submit();
                } else if (dice < 75) {
                    deliver(pick(inFlight));
                } else if (dice < 82) {
                    redeliver();
                } else if (dice < 87) {
                    loseOne();
                } else if (dice < 97) {
                    now = now.plusSeconds(random.nextInt(4 * 3600));
                    book.expire(now);
                    afterExpiry();
                } else {
                    now = now.plus(TIMEOUT).plusSeconds(1);
                    book.expire(now);
                    afterExpiry();
                }
                check("step " + step);
            }
            finish();
        }

        private void submit() {
            String tenant = TENANTS[random.nextInt(TENANTS.length)];
            int k = random.nextInt(3);
            String key = k == 0 ? null : tenant + "-k" + k;
            int from = random.nextInt(TEXT.length());
            String problem = TEXT.substring(from, from + 1 + random.nextInt(TEXT.length() - from))
                    .replace("\uD83D", "x"); // a cut through the emoji leaves a lone surrogate: keep the text valid
            Instant submittedAt = SUBMISSION_DAYS.get(random.nextInt(SUBMISSION_DAYS.size()))
                    .plusSeconds(random.nextInt(3600));
            String id = "r" + nextId++;
            ProblemRequest request = new ProblemRequest(ProblemRequest.SCHEMA_VERSION, id, null, tenant, "b", null,
                    problem, 1 + random.nextInt(400), Method.TS, null, null, null, null, 0, null, submittedAt)
                    .withApiKeyId(key);
            requests.put(id, request);
            book.admit(id, request, submittedAt, now);
            if (out.routed.isEmpty() && !out.refused.containsKey(id)) {
                parked.add(id);
                seen.parked++;
            } else if (out.refused.containsKey(id)) {
                seen.refusedAtOnce++;
            }
            collectRouted();
        }

        /** Delivers a result for {@code id} (null: nothing to deliver) with a random spend within its reservation. */
        private void deliver(String id) {
            if (id == null) {
                return;
            }
            ProblemRequest request = requests.get(id);
            long bound = new PromptBound(0, 0).of(request); // the text's bytes: a prompt within any allowance
            int dice = random.nextInt(10);
            ProblemResult result;
            if (dice == 0) {
                result = result(request, 0, 0, StopReason.ERROR);
            } else if (dice == 1) {
                result = result(request, 0, 0, StopReason.CANCELLED);
            } else {
                result = result(request, (int) (bound == 0 ? 0 : random.nextLong(bound + 1)),
                        random.nextInt(request.budget() + 1), StopReason.NATURAL);
            }
            boolean late = state.reservation(id) == null;
            inFlight.remove(id);
            lost.remove(id);
            book.settle(result, now);
            delivered.put(id, result);
            if (late) {
                seen.late++;
                for (BudgetKey budget : BudgetKey.of(request.tenant(), request.apiKeyId(), request.submittedAt())) {
                    lateSpend.merge(budget, result.spentTokens(), Long::sum);
                }
            }
            collectRouted();
        }

        /** A worker publishing a result again, possibly with other figures: the first one stands. */
        private void redeliver() {
            String id = pick(delivered.keySet());
            if (id == null) {
                return;
            }
            ProblemResult first = delivered.get(id);
            ProblemResult again = random.nextBoolean() ? first
                    : result(requests.get(id), first.promptTokens(), first.generatedTokens() / 2, StopReason.NATURAL);
            book.settle(again, now);
            seen.duplicates++;
            collectRouted();
        }

        private void loseOne() {
            String id = pick(inFlight);
            if (id != null) {
                inFlight.remove(id);
                lost.add(id);
            }
        }

        /** Requests whose reservation was released had their result lost; in the late case some come after all. */
        private void afterExpiry() {
            seen.released += out.released.size();
            out.released.forEach(r -> {
                inFlight.remove(r.requestId());
                lost.add(r.requestId());
            });
            out.released.clear();
            collectRouted();
            if (lateResults && !lost.isEmpty() && random.nextBoolean()) {
                String id = pick(lost);
                if (state.reservation(id) == null) {
                    deliver(id);
                }
            }
        }

        private void collectRouted() {
            for (String id : out.routed) {
                if (parked.contains(id)) {
                    seen.parkedThenRouted++;
                }
                routedSeen.add(id);
                inFlight.add(id);
            }
            out.routed.clear();
        }

        private void finish() {
            for (int round = 0; round < 10_000; round++) {
                if (inFlight.isEmpty() && state.queues().isEmpty() && reservations().isEmpty()) {
                    break;
                }
                while (!inFlight.isEmpty()) {
                    deliver(pick(inFlight));
                    check("finishing");
                }
                if (!reservations().isEmpty() || !state.queues().isEmpty()) {
                    now = now.plus(TIMEOUT).plusSeconds(1);
                    book.expire(now);
                    afterExpiry();
                    check("finishing");
                }
            }
            String where = "seed " + seed;
            assertTrue(state.queues().isEmpty(), where + ": parked requests left");
            assertTrue(reservations().isEmpty(), where + ": reservations left");
            Map<BudgetKey, Long> ledger = new HashMap<>();
            delivered.values().forEach(r -> BudgetKey.of(r.tenant(), r.apiKeyId(), r.timings().submittedAt())
                    .forEach(b -> ledger.merge(b, r.spentTokens(), Long::sum)));
            for (BudgetUsage usage : state.usages()) {
                assertEquals(0, usage.reserved(), () -> where + ": reserved left in " + usage);
                assertEquals(ledger.getOrDefault(usage.budget(), 0L), usage.settled(),
                        () -> where + ": settled differs from the results' sum in " + usage);
            }
            ledger.forEach((budget, sum) -> assertEquals(sum, state.usage(budget).settled(), () -> where + " " + budget));
            Set<String> ended = new LinkedHashSet<>();
            for (String id : routedSeen) {
                assertTrue(ended.add(id), () -> where + ": " + id + " routed twice");
            }
            for (String id : out.refused.keySet()) {
                assertTrue(ended.add(id), () -> where + ": " + id + " routed and refused");
                if (parked.contains(id)) {
                    seen.parkedThenRefused++;
                }
            }
            assertEquals(requests.keySet(), ended, where + ": every request is routed or refused, once");
        }

        private void check(String when) {
            Map<BudgetKey, Long> held = new HashMap<>();
            for (Reservation r : reservations()) {
                r.budgets().forEach(b -> held.merge(b, r.tokens(), Long::sum));
            }
            for (BudgetUsage usage : state.usages()) {
                Supplier<String> where = () -> "seed " + seed + ", " + when + ": " + usage;
                assertEquals(held.getOrDefault(usage.budget(), 0L), usage.reserved(),
                        () -> where.get() + ": reserved != held");
                Long limit = limits.limitOf(usage.budget());
                if (limit != null) {
                    long allowed = limit + lateSpend.getOrDefault(usage.budget(), 0L);
                    if (usage.committed() > allowed) {
                        fail(where.get() + ": settled + reserved over the limit " + limit + " (late spend allowed: "
                                + (allowed - limit) + ")");
                    }
                }
            }
        }

        /** Every reservation held now, from the state's own index. */
        private List<Reservation> reservations() {
            return state.reservedUntil(Instant.parse("9999-12-31T00:00:00Z"));
        }

        private String pick(Set<String> ids) {
            if (ids.isEmpty()) {
                return null;
            }
            int i = random.nextInt(ids.size());
            for (String id : ids) {
                if (i-- == 0) {
                    return id;
                }
            }
            throw new IllegalStateException();
        }

        private static ProblemResult result(ProblemRequest r, int prompt, int generated, StopReason stop) {
            return new ProblemResult(ProblemResult.SCHEMA_VERSION, r.id(), null, r.tenant(), r.batch(), null, null,
                    null, null, prompt, generated, 0, 0, generated, r.budget(), stop, "m", r.method(), null, null,
                    null, "w", new Timings(r.submittedAt(), null, null, null, null), null, r.apiKeyId());
        }
    }
}
