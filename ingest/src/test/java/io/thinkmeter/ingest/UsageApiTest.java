package io.thinkmeter.ingest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.contracts.Timings;
import io.thinkmeter.storage.ApiKeys;
import io.thinkmeter.storage.ResultSink;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@code GET /v1/usage} over ledger rows written by the storage sink's own class: buckets, groups, exact cost,
 * and each tenant seeing only its own spend. The rows are in May 2026, away from other tests' rows, and
 * each test's tenants are its own.
 */
@QuarkusTest
@WithTestResource(IngestTestResources.class)
class UsageApiTest {

    private static final Instant MAY_1 = Instant.parse("2026-05-01T00:00:00Z");

    @Inject
    DataSource dataSource;

    @Inject
    ApiKeys apiKeys;

    private Api.Tenant acme;
    private Api.Tenant acmeSecond;
    private Api.Tenant globex;

    @BeforeEach
    void ledger() {
        acme = Api.newTenant("usage-acme");
        ApiKeys.CreatedKey second = apiKeys.create(acme.id(), "second");
        acmeSecond = new Api.Tenant(acme.id(), second.key(), second.id());
        globex = Api.newTenant("usage-globex");
        ResultSink sink = new ResultSink(dataSource);
        // tiny-reasoner is priced 0.10 in / 0.40 out per million USD (V12's illustrative price); unpriced-model is not
        sink.store(result(acme, acme.keyId(), "tiny-reasoner", "2026-05-01T10:10:00Z", 10, 20, 5));
        sink.store(result(acme, acmeSecond.keyId(), "tiny-reasoner", "2026-05-01T10:40:00Z", 30, 40, 10));
        sink.store(result(acme, acme.keyId(), "unpriced-model", "2026-05-01T13:00:00Z", 7, 3, 1));
        sink.store(result(acme, acme.keyId(), "tiny-reasoner", "2026-05-02T09:00:00Z", 1000, 100, 0));
        sink.store(result(globex, globex.keyId(), "tiny-reasoner", "2026-05-01T10:20:00Z", 50, 50, 50));
    }

    private static ProblemResult result(Api.Tenant tenant, String key, String model, String finished, int prompt,
                                        int thinking, int answer) {
        Instant at = Instant.parse(finished);
        return new ProblemResult(ProblemResult.SCHEMA_VERSION, UUID.randomUUID().toString(), null, tenant.id(), null,
                null, "1", "t", "a", prompt, thinking, answer, 0, thinking + answer, 500, StopReason.NATURAL, model,
                Method.NONE, null, null, Pool.SHORT, "worker-1",
                new Timings(at.minusSeconds(10), at.minusSeconds(5), at, 5_000L, 5_000L), null, key);
    }

    @Test
    void aTenantSeesItsSpendPerDayAndModelWithExactCostAndUnpricedRowsCounted() {
        JsonPath page = acme.call().get("/v1/usage?start=2026-05-01&end=2026-05-03&group_by=model")
                .then().statusCode(200).body("object", equalTo("page")).body("has_more", equalTo(false))
                .extract().jsonPath();

        assertEquals(List.of("bucket", "bucket"), page.getList("data.object"));
        assertEquals(MAY_1.getEpochSecond(), page.getLong("data[0].start_time"));
        assertEquals(MAY_1.plusSeconds(86_400).getEpochSecond(), page.getLong("data[0].end_time"));
        assertEquals("2026-05-02T00:00:00Z", page.getString("data[1].start_time_iso"));
        List<Map<String, Object>> day1 = page.getList("data[0].results");
        assertEquals(2, day1.size(), day1.toString());
        Map<String, Object> priced = day1.get(0);
        assertEquals("tiny-reasoner", priced.get("model"));
        assertEquals("USD", priced.get("currency"));
        assertEquals(2, priced.get("requests"));
        assertEquals(40, priced.get("prompt_tokens"));
        assertEquals(60, priced.get("thinking_tokens"));
        assertEquals(15, priced.get("answer_tokens"));
        assertEquals(0, priced.get("injected_tokens"));
        assertEquals(75, priced.get("generated_tokens"));
        // (40 * 0.10 + 75 * 0.40) / 1e6, as an exact decimal string
        assertEquals(0, new BigDecimal("0.000034").compareTo(new BigDecimal((String) priced.get("cost"))));
        Map<String, Object> unpriced = day1.get(1);
        assertEquals("unpriced-model", unpriced.get("model"));
        assertNull(unpriced.get("currency"));
        assertNull(unpriced.get("cost"));
        assertEquals(1, unpriced.get("requests"));
        assertEquals(1000, (int) page.getInt("data[1].results[0].prompt_tokens"));
    }

    @Test
    void aTenantSeesHourBucketsPerKeyEmptyOnesIncluded() {
        JsonPath page = acme.call().get("/v1/usage?start=2026-05-01T10:00:00Z&end=2026-05-01T12:00:00Z&bucket=1h"
                        + "&group_by=api_key")
                .then().statusCode(200).extract().jsonPath();

        assertEquals(2, page.getList("data").size());
        assertEquals(List.of(acme.keyId(), acmeSecond.keyId()).stream().sorted().toList(),
                page.getList("data[0].results.api_key_id"));
        assertEquals(List.of(), page.getList("data[1].results"));
        assertEquals(Instant.parse("2026-05-01T11:00:00Z").getEpochSecond(), page.getLong("data[1].start_time"));
    }

    @Test
    void eachTenantSeesOnlyItsOwnSpendAndTheOperatorSeesEveryonesByTenant() {
        String day = "start=" + MAY_1.getEpochSecond() + "&end=" + MAY_1.plusSeconds(86_400).getEpochSecond();
        globex.call().get("/v1/usage?" + day).then().statusCode(200)
                .body("data[0].results.size()", equalTo(1))
                .body("data[0].results[0].requests", equalTo(1))
                .body("data[0].results[0].prompt_tokens", equalTo(50));
        acme.call().get("/v1/usage?" + day).then().statusCode(200)
                .body("data[0].results.requests.sum()", equalTo(3));
        acme.call().get("/v1/usage?" + day + "&tenant=" + globex.id()).then().statusCode(400)
                .body("problems", hasItem(containsString("operator")));
        acme.call().get("/v1/usage?" + day + "&group_by=tenant").then().statusCode(400);

        JsonPath all = operator().get("/v1/usage?" + day + "&group_by=tenant").then().statusCode(200)
                .extract().jsonPath();
        List<String> tenants = all.getList("data[0].results.tenant_id");
        assertEquals(2, tenants.stream().filter(t -> t.equals(acme.id())).count(), "acme: priced and unpriced rows");
        assertEquals(1, tenants.stream().filter(t -> t.equals(globex.id())).count());
        operator().get("/v1/usage?" + day + "&tenant=" + globex.id() + "&group_by=tenant,model").then().statusCode(200)
                .body("data[0].results.tenant_id", equalTo(List.of(globex.id())))
                .body("data[0].results[0].model", equalTo("tiny-reasoner"));
    }

    @Test
    void badQueriesAreA400ListingEveryProblem() {
        acme.call().get("/v1/usage?bucket=1w&group_by=model,colour").then().statusCode(400)
                .body("problems", hasItem(containsString("start is required")))
                .body("problems", hasItem("query parameter bucket must be 1h or 1d, was '1w'"))
                .body("problems", hasItem(containsString("group_by names 'colour'; it may name model, api_key, batch")));
        acme.call().get("/v1/usage?start=2026-05-02&end=2026-05-01").then().statusCode(400)
                .body("problems", hasItem(containsString("must be after start")));
        acme.call().get("/v1/usage?start=2020-01-01&end=2026-01-01&bucket=1h").then().statusCode(400)
                .body("problems", hasItem(containsString("at most " + UsageParams.MAX_BUCKETS)));
        acme.call().get("/v1/usage?start=yesterday").then().statusCode(400)
                .body("problems", hasItem(containsString("was 'yesterday'")));
        given().get("/v1/usage?start=2026-05-01").then().statusCode(401);
        given().header("X-Admin-Key", "guess").get("/v1/usage?start=2026-05-01").then().statusCode(401);
    }

    @Test
    void aTenantReadsItsBudgetsWithItsSettledSpend() {
        Instant submitted = Instant.now();
        new ResultSink(dataSource).store(result(acme, acmeSecond.keyId(), "tiny-reasoner",
                submitted.plusSeconds(10).toString(), 5, 6, 7));
        JsonPath view = acme.call().get("/v1/budgets").then().statusCode(200)
                .body("tenant", equalTo(acme.id()))
                .body("api_keys.size()", equalTo(2))
                .extract().jsonPath();
        // charged to the day it was submitted; a test run across midnight (UTC) reads the next day's, none yet
        long expected = view.getString("spent.day").equals(submitted.toString().substring(0, 10)) ? 18 : 0;
        assertEquals(expected, view.getLong("spent.day_tokens"));
        assertEquals(expected, view.getLong("api_keys.find { it.key_id == '" + acmeSecond.keyId()
                + "' }.spent.day_tokens"));
        assertEquals(0, view.getLong("api_keys.find { it.key_id == '" + acme.keyId() + "' }.spent.day_tokens"));
        given().get("/v1/budgets").then().statusCode(401);
    }

    private static io.restassured.specification.RequestSpecification operator() {
        return given().header("X-Admin-Key", IngestTestResources.ADMIN_KEY);
    }
}
