package io.thinkmeter.scheduler;

import static io.thinkmeter.scheduler.SchedulerFixture.NOV_21;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.BudgetWindow;
import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.OverBudget;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.TenantQuota;
import io.thinkmeter.contracts.Topics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Problems produced straight to Kafka, through the scheduler topology. */
class KafkaFrontDoorTest {

    private static final String ACME_TOPIC = Topics.problemsOf("acme");
    private static final String PROBLEM = "{\"problem\": \"Compute 478 + 356.\", \"budget\": 96, \"method\": \"ts\","
            + " \"client_id\": \"q17\", \"batch\": \"nightly-7\"}";

    @TempDir
    Path stateDir;
    SchedulerFixture scheduler;

    @BeforeEach
    void start() {
        scheduler = new SchedulerFixture(SchedulerConfig.defaults().withDefaultDailyQuota(1_000L), stateDir);
        scheduler.setTenantQuota("acme", new TenantQuota(TenantQuota.SCHEMA_VERSION, "acme", null));
        scheduler.setTenantQuota("beta", new TenantQuota(TenantQuota.SCHEMA_VERSION, "beta", 150L));
    }

    @AfterEach
    void stop() {
        scheduler.close();
    }

    @Test
    void aProblemOnTheSharedTopicWithTheTenantHeaderTakesIngestsPathToItsPool() {
        scheduler.produce(Topics.PROBLEMS, "acme", PROBLEM, NOV_21);

        List<KeyValue<String, ProblemRequest>> submitted = scheduler.submitted();
        assertEquals(1, submitted.size());
        ProblemRequest request = submitted.get(0).value;
        String id = KafkaRequestIds.ofProblem("acme", "nightly-7", "q17");
        assertEquals(id, submitted.get(0).key);
        assertEquals(new ProblemRequest(1, id, "q17", "acme", "nightly-7", null, "Compute 478 + 356.", 96, Method.TS,
                null, null, null, null, 0, null, NOV_21), request);
        List<KeyValue<String, ProblemRequest>> work = scheduler.work(Pool.MEDIUM);
        assertEquals(List.of(id), work.stream().map(kv -> kv.key).toList());
        assertEquals(Pool.MEDIUM, work.get(0).value.pool());
        assertEquals(List.of(), scheduler.rejected());
        assertEquals(List.of(), scheduler.deadLetters());
    }

    @Test
    void aTenantsOwnTopicNamesTheTenantWithoutAHeader() {
        scheduler.produce(ACME_TOPIC, null, "{\"problem\": \"Compute 1 + 2.\", \"budget\": 40, \"method\": \"none\"}",
                NOV_21);

        ProblemRequest request = scheduler.submitted().get(0).value;
        assertEquals("acme", request.tenant());
        assertNull(request.batch());
        assertEquals(List.of(request.id()), scheduler.accepted());
    }

    /** Issue 16: s1's minimum reaches the workers from a Kafka record as from ingest's request body. */
    @Test
    void aRecordCarriesBudgetForcingsMinimumThinking() {
        scheduler.produce(ACME_TOPIC, null, "{\"problem\": \"Compute 1 + 2.\", \"budget\": 300, "
                + "\"method\": \"budget-forcing\", \"min_thinking\": 150}", NOV_21);

        assertEquals(150, scheduler.submitted().get(0).value.minThinking());
        assertEquals(1, scheduler.accepted().size());
    }

    @Test
    void theSameHeaderAsTheTopicIsFineAnotherIsRefused() {
        scheduler.produce(ACME_TOPIC, "acme", PROBLEM, NOV_21);
        scheduler.produce(ACME_TOPIC, "beta", PROBLEM.replace("q17", "q18"), NOV_21);

        assertEquals(1, scheduler.accepted().size());
        RejectedRequest refused = onlyRejection();
        assertEquals("acme", refused.request().tenant(), "the topic's tenant, whom the ACLs let write there");
        assertEquals("the thinkmeter-tenant header names another tenant than topic thinkmeter.problems.acme, whose"
                + " tenant is 'acme': the topic decides; leave the header out", refused.reason());
    }

    @Test
    void aRecordOnTheSharedTopicWithoutATenantIsRefused() {
        scheduler.produce(Topics.PROBLEMS, null, PROBLEM, NOV_21);

        RejectedRequest refused = onlyRejection();
        assertNull(refused.request().tenant());
        assertEquals("no tenant: produce to thinkmeter.problems.<tenant>, or to thinkmeter.problems with the"
                + " thinkmeter-tenant header", refused.reason());
        assertEquals(List.of(), scheduler.submitted());
    }

    @Test
    void anUnknownTenantIsRefused() {
        scheduler.produce(Topics.problemsOf("nobody"), null, PROBLEM, NOV_21);

        RejectedRequest refused = onlyRejection();
        assertEquals("tenant 'nobody' is unknown: create it through ingest (POST /v1/tenants) before producing its"
                + " problems", refused.reason());
        assertEquals(List.of(), scheduler.accepted());
    }

    @Test
    void aTenantConfiguredInTheSchedulerIsKnownToo() {
        scheduler.close();
        scheduler = new SchedulerFixture(SchedulerConfig.defaults().withTenantDailyQuota("gamma", 0), stateDir);
        scheduler.produce(Topics.problemsOf("gamma"), null, PROBLEM, NOV_21);

        assertEquals(1, scheduler.accepted().size());
    }

    @Test
    void aTenantThatIsNoNameIsRefusedAndNotStoredAsOne() {
        scheduler.produce(Topics.PROBLEMS, "bad tenant!", PROBLEM, NOV_21);

        RejectedRequest refused = onlyRejection();
        assertNull(refused.request().tenant());
        assertTrue(refused.reason().startsWith("tenant must be 1 to 64 letters, digits"), refused.reason());
    }

    @Test
    void everyWrongFieldIsNamedInOneRejection() {
        scheduler.produce(ACME_TOPIC, null, "{\"problem\": \"Compute\\u0000 1.\", \"budget\": \"lots\","
                + " \"method\": \"fast\", \"budjet\": 5, \"tenant\": \"beta\", \"batch\": \"no batch\","
                + " \"answer_reserve\": 8, \"sampling\": {\"top_p\": 2, \"seed\": 1.5}}", NOV_21);

        RejectedRequest refused = onlyRejection();
        String reason = refused.reason();
        for (String expected : List.of("unknown field 'budjet'", "unknown field 'tenant'",
                "budget must be a whole number of tokens, 1 to 1000000, was \"lots\"",
                "method must be one of none, budget-forcing, ts, tldr; was 'fast'",
                "sampling.seed must be a whole number, was 1.5",
                "problem must not contain U+0000 (PostgreSQL text cannot hold it)",
                "batch must be 1 to 64 letters", "sampling.top_p must be in (0, 1], was 2.0")) {
            assertTrue(reason.contains(expected), expected + " in: " + reason);
        }
        assertTrue(!reason.contains("was 0") && !reason.contains("less than the budget")
                && !reason.contains("was absent"), "nothing said about values never given: " + reason);
        assertEquals("acme", refused.request().tenant());
        assertNull(refused.request().batch(), "a batch that is no name is not stored as one");
        assertEquals(List.of(), scheduler.submitted());
    }

    @Test
    void aMissingBudgetAndMethodAreSaidSimply() {
        scheduler.produce(ACME_TOPIC, null, "{\"problem\": \"Compute 1 + 2.\"}", NOV_21);

        assertEquals("budget is required: the most tokens the model may generate, 1 to 1000000; method must be one"
                + " of none, budget-forcing, ts, tldr; was absent", onlyRejection().reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"problem\": acme", "[1, 2]", "42", "null", "", " ", "{\"a\": 1, \"a\": 2}",
            "{\"problem\": \"x\", \"budget\": 5, \"method\": \"none\"} trailing"})
    void whatIsNoJsonObjectIsDeadLettered(String value) {
        scheduler.produce(ACME_TOPIC, null, value, NOV_21);

        List<KeyValue<String, DeadLetter>> dead = scheduler.deadLetters();
        assertEquals(1, dead.size(), value);
        assertEquals(ACME_TOPIC, dead.get(0).value.sourceTopic());
        assertEquals(value, dead.get(0).value.payload());
        assertTrue(!dead.get(0).value.reason().isBlank());
        assertEquals(List.of(), scheduler.rejected());
        assertEquals(List.of(), scheduler.submitted());
    }

    @Test
    void aTombstoneAndBytesThatAreNotUtf8AreDeadLettered() {
        scheduler.produce(ACME_TOPIC, new RecordHeaders(), null, NOV_21);
        scheduler.produce(ACME_TOPIC, new RecordHeaders(), new byte[] {'{', (byte) 0xC3, '}'}, NOV_21);

        List<String> reasons = scheduler.deadLetters().stream().map(kv -> kv.value.reason()).toList();
        assertEquals(2, reasons.size());
        assertTrue(reasons.get(0).startsWith("empty value"), reasons.get(0));
        assertEquals("not UTF-8 text: expected a problem JSON object", reasons.get(1));
    }

    @Test
    void theSameProblemProducedAgainRunsAndIsChargedOnce() {
        scheduler.produce(Topics.problemsOf("beta"), null, PROBLEM.replace("96", "60"), NOV_21);
        // a producer's retry, or the same file produced again, lands at another offset with the same problem
        scheduler.produce(Topics.problemsOf("beta"), null, PROBLEM.replace("96", "60"), NOV_21.plusSeconds(5));
        scheduler.produce(Topics.PROBLEMS, "beta", PROBLEM.replace("96", "30"), NOV_21.plusSeconds(9));

        assertEquals(3, scheduler.submitted().size());
        assertEquals(List.of(KafkaRequestIds.ofProblem("beta", "nightly-7", "q17")), scheduler.accepted());
        assertEquals(PromptBound.defaults().of(SchedulerFixture.request("q", "beta", 60)) + 60,
                scheduler.tenantDay("beta", "2026-11-21").reserved(), "the prompt's bound and the budget, once");
        assertEquals(List.of(), scheduler.rejected(), "the repeats are dropped, not refused: the first one stands");
    }

    @Test
    void problemsWithoutABatchAndClientIdAreEachTheirOwn() {
        String bare = "{\"problem\": \"Compute 1 + 2.\", \"budget\": 10, \"method\": \"none\"}";
        scheduler.produce(ACME_TOPIC, null, bare, NOV_21);
        scheduler.produce(ACME_TOPIC, null, bare, NOV_21);

        List<String> ids = scheduler.accepted();
        assertEquals(2, ids.size());
        assertEquals(KafkaRequestIds.ofRecord(ACME_TOPIC, 0, 0), ids.get(0), "the record's place in the log");
        assertEquals(KafkaRequestIds.ofRecord(ACME_TOPIC, 0, 1), ids.get(1));
    }

    @Test
    void theBudgetsDayIsTheRecordsTimestamp() {
        // each reserves 42 (the prompt's bound) + 60 of beta's 150 a day: a second one the same day would wait
        scheduler.produce(Topics.problemsOf("beta"), null, PROBLEM.replace("96", "60"), NOV_21);
        scheduler.produce(Topics.problemsOf("beta"), null, PROBLEM.replace("96", "60").replace("q17", "q18"),
                NOV_21.plus(Duration.ofDays(1)));
        scheduler.produce(Topics.problemsOf("beta"), null, PROBLEM.replace("96", "120").replace("q17", "q19"),
                NOV_21.plus(Duration.ofDays(1)).plusSeconds(1));

        assertEquals(2, scheduler.accepted().size(), "the second one was charged to the next day");
        RejectedRequest refused = onlyRejection();
        assertEquals(NOV_21.plus(Duration.ofDays(1)).plusSeconds(1), refused.request().submittedAt());
        assertEquals(OverBudget.reason("beta", null, BudgetWindow.DAY, "2026-11-22", 150, 150, 42, 120),
                refused.reason());
    }

    @Test
    void aTenantHeaderGivenTwiceOrNotAsUtf8IsRefused() {
        RecordHeaders twice = new RecordHeaders();
        twice.add(Topics.TENANT_HEADER, "acme".getBytes(StandardCharsets.UTF_8));
        twice.add(Topics.TENANT_HEADER, "beta".getBytes(StandardCharsets.UTF_8));
        scheduler.produce(Topics.PROBLEMS, twice, PROBLEM.getBytes(StandardCharsets.UTF_8), NOV_21);
        RecordHeaders notUtf8 = new RecordHeaders();
        notUtf8.add(Topics.TENANT_HEADER, new byte[] {(byte) 0xFF});
        scheduler.produce(Topics.PROBLEMS, notUtf8, PROBLEM.getBytes(StandardCharsets.UTF_8), NOV_21);

        List<String> reasons = scheduler.rejected().stream().map(kv -> kv.value.reason()).toList();
        assertEquals(List.of("the thinkmeter-tenant header is given 2 times; give it once",
                "the thinkmeter-tenant header is not UTF-8 text"), reasons);
        assertEquals(List.of(), scheduler.accepted());
    }

    private RejectedRequest onlyRejection() {
        List<KeyValue<String, RejectedRequest>> rejected = scheduler.rejected();
        assertEquals(1, rejected.size(), rejected.toString());
        assertEquals(rejected.get(0).value.request().id(), rejected.get(0).key);
        return rejected.get(0).value;
    }
}
