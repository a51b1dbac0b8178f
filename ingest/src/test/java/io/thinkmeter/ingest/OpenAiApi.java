package io.thinkmeter.ingest;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.thinkmeter.storage.DatabaseLogin;
import io.thinkmeter.storage.DatabaseSetup;
import org.eclipse.microprofile.config.ConfigProvider;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/** Calls the Files and Batches APIs as an OpenAI client would, for the tests. */
final class OpenAiApi {

    private OpenAiApi() {}

    /** An OpenAI batch line asking for a chat completion of {@code problem}. */
    static String line(String customId, String problem) {
        return "{\"custom_id\": \"" + customId + "\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", "
                + "\"body\": {\"model\": \"o4-mini\", \"messages\": [{\"role\": \"user\", \"content\": \"" + problem
                + "\"}], \"max_completion_tokens\": 200}}";
    }

    static ExtractableResponse<Response> upload(Api.Tenant tenant, String content, String purpose) {
        return tenant.call().multiPart("file", "input.jsonl", content.getBytes(StandardCharsets.UTF_8),
                        "application/jsonl")
                .multiPart("purpose", purpose)
                .post("/v1/files").then().extract();
    }

    /** Uploads a batch input file; returns its id. */
    static String uploadBatchFile(Api.Tenant tenant, String content) {
        ExtractableResponse<Response> r = upload(tenant, content, "batch");
        if (r.statusCode() != 200) {
            fail("upload answered " + r.statusCode() + ": " + r.body().asString());
        }
        return r.path("id");
    }

    /** Creates a batch of the file; returns its id. */
    static String createBatch(Api.Tenant tenant, String fileId) {
        ExtractableResponse<Response> r = tenant.call().contentType("application/json")
                .body("{\"input_file_id\": \"" + fileId + "\", \"endpoint\": \"/v1/chat/completions\", "
                        + "\"completion_window\": \"24h\", \"metadata\": {\"job\": \"nightly\"}}")
                .post("/v1/batches").then().extract();
        if (r.statusCode() != 200) {
            fail("create answered " + r.statusCode() + ": " + r.body().asString());
        }
        return r.path("id");
    }

    static ExtractableResponse<Response> batch(Api.Tenant tenant, String id) {
        return tenant.call().get("/v1/batches/" + id).then().statusCode(200).extract();
    }

    /** Polls the batch until it shows {@code status}; fails after 30 s. */
    static ExtractableResponse<Response> awaitStatus(Api.Tenant tenant, String id, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ExtractableResponse<Response> r;
        do {
            r = batch(tenant, id);
            if (status.equals(r.path("status"))) {
                return r;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        return fail("batch " + id + " is still " + r.path("status") + ", not " + status + ": " + r.body().asString());
    }

    /** The lines of a file's content. */
    static List<String> content(Api.Tenant tenant, String fileId) {
        String text = tenant.call().get("/v1/files/" + fileId + "/content").then().statusCode(200).extract()
                .body().asString();
        return Arrays.stream(text.split("\n")).filter(l -> !l.isEmpty()).toList();
    }

    /** The database as its owner: to change what the service may not (a batch's expiry time). */
    static DataSource asOwner() {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        return new DatabaseLogin(DatabaseSetup.OWNER, TestBackends.OWNER_PASSWORD).dataSource(url);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
