package io.thinkmeter.ingest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OpenAI's Files API: upload, list, read, download, delete; its limits; one tenant never sees another's. */
@QuarkusTest
@WithTestResource(IngestTestResources.class)
class OpenAiFilesTest {

    @Test
    void aFileGoesInAndComesBackByteForByteThenIsDeleted() {
        Api.Tenant tenant = Api.newTenant("files");
        // no newline at the end, a CRLF and non-ASCII text: the bytes come back exactly as sent
        String content = OpenAiApi.line("a", "Compute 2 + 2.") + "\r\n" + OpenAiApi.line("b", "Écris 7 × 6.");
        ExtractableResponse<Response> uploaded = OpenAiApi.upload(tenant, content, "batch");
        assertEquals(200, uploaded.statusCode(), uploaded.body().asString());
        String id = uploaded.path("id");
        assertTrue(id.matches("file-[0-9a-f]{32}"), id);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        assertEquals("file", uploaded.path("object"));
        assertEquals(bytes.length, (int) uploaded.path("bytes"));
        assertEquals("input.jsonl", uploaded.path("filename"));
        assertEquals("batch", uploaded.path("purpose"));
        assertEquals("processed", uploaded.path("status"));
        assertTrue(uploaded.<Integer>path("created_at") > 1_700_000_000);

        tenant.call().get("/v1/files/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("bytes", equalTo(bytes.length));
        byte[] downloaded = tenant.call().get("/v1/files/" + id + "/content").then().statusCode(200).extract()
                .body().asByteArray();
        assertArrayEquals(bytes, downloaded);

        String second = OpenAiApi.uploadBatchFile(tenant, OpenAiApi.line("c", "Compute 1 + 1.") + "\n");
        ExtractableResponse<Response> list = tenant.call().get("/v1/files").then().statusCode(200).extract();
        assertEquals("list", list.path("object"));
        assertEquals(List.of(second, id), list.path("data.id"), "newest first");
        assertEquals(false, list.path("has_more"));
        ExtractableResponse<Response> page = tenant.call().get("/v1/files?limit=1").then().statusCode(200).extract();
        assertEquals(List.of(second), page.path("data.id"));
        assertEquals(true, page.path("has_more"));
        assertEquals(List.of(id), tenant.call().get("/v1/files?limit=1&after=" + second).then().statusCode(200)
                .extract().path("data.id"));
        assertEquals(List.of(id, second), tenant.call().get("/v1/files?order=asc").then().statusCode(200)
                .extract().path("data.id"));
        assertEquals(List.of(), tenant.call().get("/v1/files?purpose=batch_output").then().statusCode(200)
                .extract().path("data"));

        tenant.call().delete("/v1/files/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("object", equalTo("file")).body("deleted", equalTo(true));
        tenant.call().get("/v1/files/" + id).then().statusCode(404);
        tenant.call().get("/v1/files/" + id + "/content").then().statusCode(404);
        tenant.call().delete("/v1/files/" + id).then().statusCode(404);
        assertEquals(List.of(second), tenant.call().get("/v1/files").then().extract().path("data.id"));
    }

    @Test
    void anotherTenantsFileIsUnknown() {
        Api.Tenant owner = Api.newTenant("files-owner");
        Api.Tenant other = Api.newTenant("files-other");
        String id = OpenAiApi.uploadBatchFile(owner, OpenAiApi.line("a", "Compute 2 + 2.") + "\n");
        other.call().get("/v1/files/" + id).then().statusCode(404);
        other.call().get("/v1/files/" + id + "/content").then().statusCode(404);
        other.call().delete("/v1/files/" + id).then().statusCode(404);
        assertFalse(other.call().get("/v1/files").then().extract().<List<String>>path("data.id").contains(id));
        owner.call().get("/v1/files/" + id).then().statusCode(200);
        other.call().get("/v1/files/not-a-file-id").then().statusCode(404);
    }

    @Test
    void aFileOverTheLineLimitIsRefusedAndNotStored() {
        Api.Tenant tenant = Api.newTenant("files-lines");
        StringBuilder content = new StringBuilder();
        for (int i = 0; i <= IngestTestResources.MAX_FILE_LINES; i++) {
            content.append(OpenAiApi.line("l" + i, "Compute " + i + " + 1.")).append('\n');
        }
        ExtractableResponse<Response> r = OpenAiApi.upload(tenant, content.toString(), "batch");
        assertEquals(400, r.statusCode(), r.body().asString());
        assertTrue(r.body().asString().contains("more than " + IngestTestResources.MAX_FILE_LINES + " lines"),
                r.body().asString());
        assertEquals(List.of(), tenant.call().get("/v1/files").then().extract().path("data"));

        // exactly at the limit, without a final newline: taken
        String atLimit = content.substring(0, content.lastIndexOf("\n", content.length() - 2));
        assertEquals(200, OpenAiApi.upload(tenant, atLimit, "batch").statusCode());
    }

    @Test
    void aFileOverTheSizeLimitIsRefused() {
        Api.Tenant tenant = Api.newTenant("files-bytes");
        String big = "x".repeat(IngestTestResources.MAX_FILE_BYTES + 1);
        ExtractableResponse<Response> r = OpenAiApi.upload(tenant, big, "batch");
        assertEquals(413, r.statusCode(), r.body().asString());
        assertEquals(List.of(), tenant.call().get("/v1/files").then().extract().path("data"));
    }

    @Test
    void onlyBatchFilesAreTaken() {
        Api.Tenant tenant = Api.newTenant("files-purpose");
        ExtractableResponse<Response> r = OpenAiApi.upload(tenant, "{}\n", "fine-tune");
        assertEquals(400, r.statusCode(), r.body().asString());
        assertTrue(r.body().asString().contains("purpose must be 'batch'"), r.body().asString());
        tenant.call().multiPart("purpose", "batch").post("/v1/files").then().statusCode(400)
                .body(containsString("file is required"));
        tenant.call().get("/v1/files?limit=0").then().statusCode(400).body(containsString("limit"));
        tenant.call().get("/v1/files?order=sideways").then().statusCode(400).body(containsString("order"));
        io.restassured.RestAssured.given().get("/v1/files").then().statusCode(401);
    }
}
