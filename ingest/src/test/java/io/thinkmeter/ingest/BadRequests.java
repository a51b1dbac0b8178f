package io.thinkmeter.ingest;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * HTTP requests to every ingest endpoint, each wrong in one generated way that ingest must refuse:
 * its body ({@link BadJson}), its key or Authorization, its content type, its path id, its query
 * parameters, its size. None of them may be accepted.
 */
final class BadRequests {

    /** A request as sent: method, path (already percent-encoded), headers, body (null: none), what is wrong. */
    record Request(String method, String path, Map<String, String> headers, byte[] body, String how) {
        @Override
        public String toString() {
            return method + " " + (path.length() > 120 ? path.substring(0, 120) + "..." : path) + " (" + how + ")";
        }
    }

    private static final String JSON = "application/json";
    private static final List<String> BAD_AUTHORIZATION = List.of("Basic dXNlcjpwYXNz", "Bearer", "Bearer ",
            "bearer tm_not-a-key", "Bearer tm_" + "x".repeat(300), "tm_no-scheme", "Token abc", "Bearer \t");
    private static final List<String> WRONG_BODY_TYPES = List.of("text/plain", "application/xml", "text/csv",
            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/octet-stream");

    private final Random random;
    private final BadJson json;
    private final String key;
    private final String batchId;
    private final String tenant;
    private final String keyId;

    /**
     * @param key a valid API key, so most requests pass authentication and reach what is being tested
     * @param batchId a batch of that key's tenant, for the results endpoints' query parameters
     * @param tenant the key's tenant and {@code keyId} the key's id, for the budget endpoints' paths
     */
    BadRequests(Random random, String key, String batchId, String tenant, String keyId) {
        this.random = random;
        this.json = new BadJson(random);
        this.key = key;
        this.batchId = batchId;
        this.tenant = tenant;
        this.keyId = keyId;
    }

    Request next() {
        List<Supplier<Request>> kinds = List.of(this::tenantCreation, this::problemSubmission,
                this::problemSubmission, this::problemLookup, this::batchSubmission, this::batchSubmission,
                this::batchLookup, this::batchLookup, this::oversized, this::wrongPathOrMethod, this::chatCompletion,
                this::spendAdministration, this::usageQuery);
        return json.pick(kinds).get();
    }

    private Request tenantCreation() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", JSON);
        int way = random.nextInt(8);
        if (way == 0) {
            // no or a wrong admin key: refused before the body is read
            if (random.nextBoolean()) {
                h.put("X-Admin-Key", json.pick(List.of("guess", "", IngestTestResources.ADMIN_KEY + "x")));
            }
            return new Request("POST", "/v1/tenants", h, BadJson.json(json.tenant()).getBytes(StandardCharsets.UTF_8),
                    "admin key missing or wrong");
        }
        h.put("X-Admin-Key", IngestTestResources.ADMIN_KEY);
        if (way == 1) {
            h.put("Content-Type", json.pick(WRONG_BODY_TYPES));
            return new Request("POST", "/v1/tenants", h, BadJson.json(json.tenant()).getBytes(StandardCharsets.UTF_8),
                    "a tenant labelled " + h.get("Content-Type"));
        }
        BadJson.Body body = json.badTenant();
        return new Request("POST", "/v1/tenants", h, body.bytes(), body.how());
    }

    /** Budgets, API keys and prices, the operator's: every body here is wrong, so nothing may change. */
    private Request spendAdministration() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", JSON);
        h.put("X-Admin-Key", IngestTestResources.ADMIN_KEY);
        String someTenant = json.pick(List.of(tenant, weirdId()));
        String budgetBody = json.pick(List.of("{\"day\": -1}", "{\"month\": 1.5}", "{\"day\": \"lots\"}",
                "{\"soft_threshold\": 0}", "{\"soft_threshold\": 1.5}", "{\"soft_threshold\": \"high\"}",
                "{\"day\": 10, \"week\": 5}", "{\"day\": 99999999999999999999999}", "[]", "7", "{\"day\":", "\u0000",
                "{\"day\": null, \"day\": 5, \"hour\": 1}", "{\"month\": -9223372036854775808}"));
        String keyBody = json.pick(List.of("{\"day\": -5}", "{\"soft_threshold\": 0.5}", "{\"month\": true}",
                "{\"day\": {}}", "not json"));
        String priceBody = json.pick(List.of("{}", "{\"model\": \"m\"}",
                "{\"model\": \"m\", \"input_per_million\": -1, \"output_per_million\": 1, \"currency\": \"USD\","
                        + " \"valid_from\": \"2026-12-01\"}",
                "{\"model\": \"m\", \"input_per_million\": 1, \"output_per_million\": 1, \"currency\": \"dollars\","
                        + " \"valid_from\": \"2026-12-01\"}",
                "{\"model\": \"m\", \"input_per_million\": 1, \"output_per_million\": 1, \"currency\": \"USD\","
                        + " \"valid_from\": \"yesterday\"}",
                "{\"model\": \"\", \"input_per_million\": 1, \"output_per_million\": \"1e999999\", \"currency\": \"USD\","
                        + " \"valid_from\": \"2026-12-01\"}",
                "{\"model\": \"m\", \"input_per_million\": 1, \"output_per_million\": 1, \"currency\": \"USD\","
                        + " \"valid_from\": \"2026-12-01\", \"discount\": 5}"));
        Request request = switch (random.nextInt(6)) {
            case 0 -> new Request("PUT", "/v1/tenants/" + someTenant + "/budgets", h, bytes(budgetBody), "a bad budget");
            case 1 -> new Request("PUT", "/v1/tenants/" + someTenant + "/api-keys/" + json.pick(List.of(keyId, weirdId()))
                    + "/budgets", h, bytes(keyBody), "a bad key budget");
            case 2 -> new Request("POST", "/v1/tenants/" + weirdId() + "/api-keys", h, bytes("{\"label\": \"x\"}"),
                    "a key for no tenant");
            case 3 -> new Request("POST", "/v1/tenants/" + tenant + "/api-keys", h,
                    bytes(json.pick(List.of("{\"label\": 5}", "{\"label\": \"" + "l".repeat(300) + "\"}", "{\"scope\": 1}",
                            "[1]"))), "a bad key");
            case 4 -> new Request("PUT", "/v1/admin/prices", h, bytes(priceBody), "a bad price");
            default -> new Request("DELETE", "/v1/tenants/" + weirdId() + "/api-keys/" + weirdId(), h, null,
                    "a key that is nobody's");
        };
        if (random.nextInt(5) == 0) {
            // the operator's endpoints refuse a tenant's key, or none, before reading anything
            request.headers().remove("X-Admin-Key");
            if (random.nextBoolean()) {
                request.headers().put("Authorization", "Bearer " + key);
            }
            return new Request(request.method(), request.path(), request.headers(), request.body(),
                    "no admin key: " + request.how());
        }
        return request;
    }

    private Request usageQuery() {
        Map<String, String> h = authorized();
        String query = json.pick(List.of("start=yesterday", "start=2026-01-01&end=2025-01-01", "bucket=1w",
                "start=2026-01-01&end=2100-01-01&bucket=1h", "group_by=secret", "group_by=model,,pool",
                "group_by=tenant", "tenant=other", "start=%00", "end=99999999999999999999", "start=1e9",
                "group_by=" + "model,".repeat(500), "bucket="));
        if (random.nextInt(4) == 0) {
            return badAuthorization("GET", "/v1/usage?" + query, h, null);
        }
        return new Request("GET", "/v1/usage?" + query, h, null, "a bad usage query");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Request chatCompletion() {
        Map<String, String> h = authorized();
        h.put("Content-Type", JSON);
        byte[] good = BadJson.json(json.chat()).getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(8)) {
            case 0 -> badAuthorization("POST", "/v1/chat/completions", h, good);
            case 1 -> {
                h.put("Content-Type", json.pick(WRONG_BODY_TYPES));
                yield new Request("POST", "/v1/chat/completions", h, good, "a chat labelled " + h.get("Content-Type"));
            }
            default -> {
                BadJson.Body body = json.badChat();
                yield new Request("POST", "/v1/chat/completions", h, body.bytes(), body.how());
            }
        };
    }

    private Request problemSubmission() {
        Map<String, String> h = authorized();
        h.put("Content-Type", JSON);
        byte[] good = BadJson.json(json.problem()).getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(10)) {
            case 0 -> badAuthorization("POST", "/v1/problems", h, good);
            case 1 -> {
                h.put("Content-Type", json.pick(WRONG_BODY_TYPES));
                yield new Request("POST", "/v1/problems", h, good, "a problem labelled " + h.get("Content-Type"));
            }
            case 2 -> new Request("POST", "/v1/problems?" + json.pick(List.of("wait=maybe", "timeout=5s",
                    "wait=true&timeout=soon", "wait=true&timeout=-PT5S", "wait=1&timeout=" + "9".repeat(30),
                    "wait=true&timeout=5h3")), h, good, "bad wait parameters");
            case 3 -> {
                h.put(IdempotencyKey.HEADER, json.pick(List.of("k".repeat(256 + random.nextInt(100)), "tab\there")));
                yield new Request("POST", "/v1/problems", h, good, "bad Idempotency-Key");
            }
            default -> {
                BadJson.Body body = json.badProblem(false);
                yield new Request("POST", "/v1/problems", h, body.bytes(), body.how());
            }
        };
    }

    private Request problemLookup() {
        Map<String, String> h = authorized();
        if (random.nextInt(5) == 0) {
            return badAuthorization("GET", "/v1/problems/" + UUID.randomUUID(), h, null);
        }
        return new Request("GET", "/v1/problems/" + weirdId(), h, null, "an id that is no problem of this tenant");
    }

    private Request batchSubmission() {
        Map<String, String> h = authorized();
        h.put("Content-Type", json.pick(List.of(BatchResource.NDJSON, "application/jsonl", "text/plain")));
        List<String> goodLines = new ArrayList<>();
        int lines = 1 + random.nextInt(6);
        for (int i = 0; i < lines; i++) {
            goodLines.add(BadJson.json(random.nextBoolean() ? json.problem() : json.openAiLine()));
        }
        byte[] good = String.join("\n", goodLines).getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(12)) {
            case 0 -> badAuthorization("POST", "/v1/problems/batch", h, good);
            case 1 -> {
                h.put("Content-Type", json.pick(List.of(JSON, "text/csv", "application/xml")));
                yield new Request("POST", "/v1/problems/batch", h, good, "a batch labelled " + h.get("Content-Type"));
            }
            case 2 -> new Request("POST", "/v1/problems/batch?" + json.pick(List.of("budget=lots", "budget=0", "budget=-5",
                    "budget=1.5", "budget=99999999999", "budget=" + (IngestTestResources.MAX_BUDGET + 1),
                    "method=nap", "method=%00", "method=ts%0A", "budget=64&method=TS")), h, good, "bad batch defaults");
            case 3 -> new Request("POST", "/v1/problems/batch", h,
                    (goodLines.get(0) + "\n").repeat(IngestTestResources.MAX_BATCH_LINES + 1)
                            .getBytes(StandardCharsets.UTF_8), "one line too many");
            case 4 -> new Request("POST", "/v1/problems/batch", h, json.pick(List.of("", "\n\n", "  \r\n\t\n"))
                    .getBytes(StandardCharsets.UTF_8), "no lines");
            case 5 -> {
                h.put(IdempotencyKey.HEADER, "k".repeat(256 + random.nextInt(100)));
                yield new Request("POST", "/v1/problems/batch", h, good, "bad Idempotency-Key");
            }
            case 6 -> {
                // two lines with one client id: their results could not be told apart
                String dup = "{\"problem\": \"x\", \"budget\": 9, \"method\": \"none\", \"client_id\": \"same\"}";
                yield new Request("POST", "/v1/problems/batch", h, (dup + "\n" + String.join("\n", goodLines) + "\n" + dup)
                        .getBytes(StandardCharsets.UTF_8), "a client_id used twice");
            }
            default -> {
                BadJson.Body bad = random.nextBoolean() ? json.badProblem(true) : json.badOpenAiLine();
                int at = random.nextInt(goodLines.size() + 1);
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                for (int i = 0; i <= goodLines.size(); i++) {
                    // the bad line as bytes: it may hold bytes that are not UTF-8
                    body.writeBytes(i == at ? bad.bytes() : goodLines.get(i < at ? i : i - 1)
                            .getBytes(StandardCharsets.UTF_8));
                    body.write('\n');
                }
                yield new Request("POST", "/v1/problems/batch", h, body.toByteArray(), "line " + (at + 1) + " bad: "
                        + bad.how());
            }
        };
    }

    private Request batchLookup() {
        Map<String, String> h = authorized();
        String tail = json.pick(List.of("", "/results", "/results.jsonl"));
        return switch (random.nextInt(4)) {
            case 0 -> badAuthorization("GET", "/v1/problems/batch/" + batchId + tail, h, null);
            case 1 -> new Request("GET", "/v1/problems/batch/" + batchId + "/results?" + json.pick(List.of("size=0",
                    "size=1001", "size=-1", "size=abc", "page=-1", "page=1e3", "page=99999999999", "size=1.5",
                    "page=%00", "size=%20")), h, null, "bad page parameters");
            default -> new Request("GET", "/v1/problems/batch/" + weirdId() + tail, h, null,
                    "an id that is no batch of this tenant");
        };
    }

    private Request oversized() {
        Map<String, String> h = authorized();
        if (random.nextBoolean()) {
            return new Request("GET", "/v1/problems/" + "a".repeat(HttpLimits.MAX_URI_CHARS + random.nextInt(50_000)),
                    h, null, "an oversized URI");
        }
        h.put("X-Padding", "p".repeat(HttpLimits.MAX_HEADER_BYTES + random.nextInt(50_000)));
        return new Request(json.pick(List.of("GET", "POST")), json.pick(List.of("/v1/problems", "/v1/problems/batch/x")), h,
                null, "oversized headers");
    }

    private Request wrongPathOrMethod() {
        Map<String, String> h = authorized();
        return json.pick(List.of(
                new Request("DELETE", "/v1/problems/" + UUID.randomUUID(), h, null, "a method no endpoint has"),
                new Request("PUT", "/v1/problems/batch", h, new byte[0], "a method no endpoint has"),
                new Request("GET", "/v1/tenants", h, null, "a method no endpoint has"),
                new Request("PATCH", "/v1/problems", h, new byte[0], "a method no endpoint has"),
                new Request("GET", "/v1/" + json.pick(List.of("nothing", "problem", "batches/a/b/c", "results")), h,
                        null, "no such path"),
                new Request("GET", "/v2/problems", h, null, "no such path")));
    }

    private Request badAuthorization(String method, String path, Map<String, String> h, byte[] body) {
        if (random.nextBoolean()) {
            h.remove("Authorization");
        } else {
            h.put("Authorization", json.pick(BAD_AUTHORIZATION));
        }
        return new Request(method, path, h, body, "Authorization " + h.getOrDefault("Authorization", "missing"));
    }

    private Map<String, String> authorized() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", "Bearer " + key);
        if (random.nextInt(10) == 0) {
            h.put("Accept", json.pick(List.of("text/html", "application/xml", "*/*", "application/json")));
        }
        return h;
    }

    /** A path id no stored batch or problem has, percent-encoded as a client library would. */
    private String weirdId() {
        String id = json.pick(List.<Supplier<String>>of(
                () -> UUID.randomUUID().toString(),
                () -> "\u0000",
                () -> "a\u0000b",
                () -> String.valueOf((char) (1 + random.nextInt(31))),
                () -> "\u007f\u0085",
                () -> "x".repeat(PathIds.MAX_CHARS + 1 + random.nextInt(2000)),
                () -> "é🤔ü",
                () -> "' OR 1=1 --",
                () -> "..",
                () -> " ",
                () -> IntStream.range(0, 20).mapToObj(i -> String.valueOf((char) (32 + random.nextInt(95))))
                        .collect(Collectors.joining()))).get();
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
