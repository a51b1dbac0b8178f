package io.thinkmeter.ingest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.TenantQuota;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.storage.ApiKeys;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The operator's budget endpoints: saved, read back, and published whole on the tenants topic. */
@QuarkusTest
@WithTestResource(IngestTestResources.class)
class TenantBudgetsTest {

    private static CommittedRecords tenantsTopic;

    @Inject
    ApiKeys apiKeys;

    @BeforeAll
    static void open() {
        tenantsTopic = new CommittedRecords(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                Topics.TENANTS);
    }

    @AfterAll
    static void close() {
        tenantsTopic.close();
    }

    private static io.restassured.specification.RequestSpecification operator() {
        return given().header("X-Admin-Key", IngestTestResources.ADMIN_KEY).contentType(ContentType.JSON);
    }

    /** What was published for this tenant since {@code from}, in order (one key: one partition). */
    private static List<TenantQuota> published(Map<TopicPartition, Long> from, String tenant) {
        return tenantsTopic.since(from).stream().filter(r -> tenant.equals(r.key())).map(ConsumerRecord::value)
                .map(TenantBudgetsTest::quota).toList();
    }

    private static TenantQuota quota(String json) {
        try {
            return Json.forUsers().readValue(json, TenantQuota.class);
        } catch (IOException e) {
            throw new UncheckedIOException("ingest published a quota the contract cannot read: " + json, e);
        }
    }

    @Test
    void shouldSetTheTenantsAndAKeysBudgetsAndPublishThemWholeEachTime() {
        Map<TopicPartition, Long> before = tenantsTopic.mark();
        Api.Tenant tenant = Api.newTenant("budgets");
        ApiKeys.CreatedKey second = apiKeys.create(tenant.id(), "batch jobs");

        operator().body("{\"day\": 1000, \"month\": 20000, \"soft_threshold\": 0.75}")
                .put("/v1/tenants/" + tenant.id() + "/budgets")
                .then().statusCode(200)
                .body("tenant", equalTo(tenant.id()))
                .body("day", equalTo(1000))
                .body("month", equalTo(20000))
                .body("soft_threshold", equalTo(0.75f))
                .body("api_keys.key_id", containsInAnyOrder(tenant.keyId(), second.id()));
        operator().body("{\"day\": 100, \"month\": null}")
                .put("/v1/tenants/" + tenant.id() + "/api-keys/" + second.id() + "/budgets")
                .then().statusCode(200)
                .body("api_keys.find { it.key_id == '" + second.id() + "' }.day", equalTo(100))
                .body("api_keys.find { it.key_id == '" + second.id() + "' }.month", nullValue())
                .body("api_keys.find { it.key_id == '" + second.id() + "' }.label", equalTo("batch jobs"))
                .body("day", equalTo(1000));

        assertEquals(List.of(
                new TenantQuota(TenantQuota.SCHEMA_VERSION, tenant.id(), null, null, null, Map.of()),
                new TenantQuota(TenantQuota.SCHEMA_VERSION, tenant.id(), 1000L, 20000L, 0.75, Map.of()),
                new TenantQuota(TenantQuota.SCHEMA_VERSION, tenant.id(), 1000L, 20000L, 0.75,
                        Map.of(second.id(), new TenantQuota.KeyBudget(100L, null)))),
                published(before, tenant.id()), "created, then each change: all of the tenant's budgets every time");

        operator().get("/v1/tenants/" + tenant.id() + "/budgets")
                .then().statusCode(200)
                .body("month", equalTo(20000))
                .body("api_keys.find { it.key_id == '" + tenant.keyId() + "' }.day", nullValue());

        // PUT replaces: what is left out is no limit
        operator().body("{\"month\": 30000}").put("/v1/tenants/" + tenant.id() + "/budgets")
                .then().statusCode(200).body("day", nullValue()).body("soft_threshold", nullValue())
                .body("month", equalTo(30000));
    }

    @Test
    void shouldKeepTheDailyQuotaOfATenantCreatedWithOneAsItsDayBudget() {
        Map<TopicPartition, Long> before = tenantsTopic.mark();
        String id = "budget-created-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        operator().body("{\"id\": \"" + id + "\", \"name\": \"With quota\", \"daily_token_quota\": 50000}")
                .post("/v1/tenants").then().statusCode(201);

        operator().get("/v1/tenants/" + id + "/budgets").then().statusCode(200).body("day", equalTo(50000));
        assertEquals(List.of(new TenantQuota(TenantQuota.SCHEMA_VERSION, id, 50000L, null, null, Map.of())),
                published(before, id));
    }

    @Test
    void shouldListEveryProblemOfABadBudgetAndChangeNothing() {
        Api.Tenant tenant = Api.newTenant("bad-budgets");
        Map<TopicPartition, Long> before = tenantsTopic.mark();
        operator().body("{\"day\": -1, \"month\": 1.5, \"soft_threshold\": 1.2, \"colour\": \"red\"}")
                .put("/v1/tenants/" + tenant.id() + "/budgets")
                .then().statusCode(400)
                .body("problems", containsInAnyOrder(
                        "unknown field 'colour'; the fields are day, month, soft_threshold",
                        "day must be 0 or more tokens (null for no limit), was -1",
                        "month must be a whole number, was 1.5",
                        "soft_threshold must be above 0 and below 1 (0.8: alert at 80% of a limit), was 1.2"));
        operator().body("{\"day\": 5, \"soft_threshold\": 0.5}")
                .put("/v1/tenants/" + tenant.id() + "/api-keys/" + tenant.keyId() + "/budgets")
                .then().statusCode(400)
                .body("problems", hasItem("unknown field 'soft_threshold'; the fields are day, month"));
        operator().body("{\"soft_threshold\": 0}").put("/v1/tenants/" + tenant.id() + "/budgets")
                .then().statusCode(400);
        operator().body("[1]").put("/v1/tenants/" + tenant.id() + "/budgets").then().statusCode(400);
        assertEquals(List.of(), published(before, tenant.id()), "nothing published");
        operator().get("/v1/tenants/" + tenant.id() + "/budgets").then().body("day", nullValue());
    }

    @Test
    void shouldAnswer404ForAnUnknownTenantOrKeyAnd401WithoutTheAdminKey() {
        Api.Tenant tenant = Api.newTenant("budget-404");
        Api.Tenant other = Api.newTenant("budget-other");
        operator().body("{\"day\": 5}").put("/v1/tenants/no-such-tenant/budgets").then().statusCode(404)
                .body("problems", hasItem("no tenant 'no-such-tenant'"));
        operator().get("/v1/tenants/no-such-tenant/budgets").then().statusCode(404);
        operator().body("{\"day\": 5}").put("/v1/tenants/" + tenant.id() + "/api-keys/key_unknown/budgets")
                .then().statusCode(404);
        operator().body("{\"day\": 5}")
                .put("/v1/tenants/" + tenant.id() + "/api-keys/" + other.keyId() + "/budgets")
                .then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"day\": 5}").put("/v1/tenants/" + tenant.id() + "/budgets")
                .then().statusCode(401);
        tenant.call().get("/v1/tenants/" + tenant.id() + "/budgets").then().statusCode(401);
    }
}
