package io.thinkmeter.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * JSON objects that are wrong in one generated way each, every way certain to be refused: a problem
 * body (or one of our batch lines), an OpenAI batch line, a tenant form. A body is built as its fields'
 * raw JSON text, so a mutation can break it anywhere, down to the bytes.
 */
final class BadJson {

    /** A body and what was done to it, for the failure message. */
    record Body(byte[] bytes, String how) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static final List<String> WRONG_FOR_INTEGER = List.of("\"96\"", "48.0", "48.5", "true", "[]", "{}",
            "1e400", "99999999999999999999", "-99999999999999999999", "[96]", "\"\"");
    private static final List<String> WRONG_FOR_STRING = List.of("5", "-1.5", "true", "[]", "{}", "[\"x\"]",
            "{\"text\": \"x\"}");
    private static final List<byte[]> INVALID_UTF8 = List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE},
            new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xF8, (byte) 0x88,
                    (byte) 0x80, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xC3, (byte) 0x28});

    private final Random random;
    private int unique;

    BadJson(Random random) {
        this.random = random;
    }

    /** A problem in our format, valid as it stands. */
    Map<String, String> problem() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("problem", quote("Compute " + random.nextInt(1000) + " + " + random.nextInt(1000) + "."));
        f.put("budget", String.valueOf(1 + random.nextInt(IngestTestResources.MAX_BUDGET)));
        f.put("method", quote(pick(List.of("none", "budget-forcing", "tldr"))));
        if (random.nextBoolean()) {
            f.put("client_id", quote("c" + unique++));
        }
        if (random.nextBoolean()) {
            f.put("level", quote(pick(List.of("short", "medium", "long"))));
        }
        if (random.nextBoolean()) {
            f.put("sampling", "{\"temperature\": 0.7, \"top_k\": 20, \"top_p\": 0.9, \"seed\": 3}");
        }
        return f;
    }

    /** An OpenAI batch line, valid as it stands. */
    Map<String, String> openAiLine() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("custom_id", quote("o" + unique++));
        f.put("method", quote("POST"));
        f.put("url", quote("/v1/chat/completions"));
        f.put("body", "{\"model\": \"o4-mini\", \"messages\": [{\"role\": \"user\", \"content\": \"Compute 2 + "
                + random.nextInt(100) + ".\"}], \"max_completion_tokens\": 256, \"reasoning_effort\": \"low\"}");
        return f;
    }

    /** A tenant form, valid as it stands (its id unique). */
    Map<String, String> tenant() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("id", quote("fuzz-t" + unique++ + "-" + random.nextInt(1_000_000)));
        f.put("name", quote("Fuzz tenant"));
        f.put("daily_token_quota", String.valueOf(random.nextInt(1_000_000)));
        return f;
    }

    /** Our problem (or batch line), broken one way. @param inBatch whether it is a line (samples are allowed there) */
    Body badProblem(boolean inBatch) {
        Map<String, String> f = problem();
        List<Supplier<String>> ways = new ArrayList<>(List.of(
                () -> wrongType(f, pick(List.of("budget", "answer_reserve", "priority", "samples", "schema_version")),
                        WRONG_FOR_INTEGER),
                () -> wrongType(f, pick(List.of("problem", "method", "level", "client_id", "tenant")), WRONG_FOR_STRING),
                () -> set(f, pick(List.of("problem", "budget", "method")), "null"),
                () -> remove(f, pick(List.of("problem", "budget", "method"))),
                () -> set(f, "budget", pick(List.of("0", "-1", "-2147483648", "1000001", "2147483647",
                        String.valueOf(IngestTestResources.MAX_BUDGET + 1 + random.nextInt(100_000))))),
                () -> set(f, "problem", quote("x".repeat(IngestTestResources.MAX_PROBLEM_CHARS + 1
                        + random.nextInt(20_000)))),
                () -> set(f, "problem", pick(List.of("\"\"", "\"   \"", "\"\\n\\t\""))),
                () -> set(f, pick(List.of("problem", "client_id")), quote("a" + pick(List.of("\\u0000", "\\ud800",
                        "\\udfff")) + "b")),
                () -> set(f, pick(List.of("method", "level")), quote("ts" + pick(List.of("\\u0000", "\\u0007",
                        "\\u001b", "\\n")))),
                () -> set(f, "method", quote(pick(List.of("fast", "TS", " ts", "budget_forcing", "")))),
                () -> set(f, "level", quote(pick(List.of("huge", "SHORT", "")))),
                () -> set(f, "client_id", quote("c".repeat(257 + random.nextInt(500)))),
                () -> set(f, "tenant", quote("someone-else")),
                () -> set(f, "answer_reserve", pick(List.of("0", "-3", "5000000"))),
                () -> set(f, "sampling", pick(List.of("{\"temperature\": -0.1}", "{\"temperature\": 10.5}",
                        "{\"top_k\": -1}", "{\"top_p\": 0}", "{\"top_p\": 1.5}", "{\"temperature\": \"hot\"}",
                        "{\"seed\": 1.5}", "{\"colour\": 1}", "[]", "7", "{\"temperature\": 1e400}"))),
                () -> {
                    f.put("method", quote(pick(List.of("none", "tldr"))));
                    return set(f, "stop_temperature", "2.0");
                },
                () -> {
                    f.put("method", quote("ts"));
                    return set(f, "stop_temperature", pick(List.of("0", "-1", "1e400", "\"2\"")));
                },
                () -> set(f, pick(List.of("budjet", "id", "pool", "submitted_at", "batch", "sequence", "model")), "1"),
                () -> set(f, "extra", nested(1 + random.nextInt(60))),
                () -> set(f, "problem", nested(1100 + random.nextInt(500)))));
        if (!inBatch) {
            ways.add(() -> set(f, "samples", String.valueOf(2 + random.nextInt(5))));
        } else {
            ways.add(() -> set(f, "samples", pick(List.of("0", "65", "-1"))));
        }
        String how = pick(ways).get();
        return whole(f, how, inBatch);
    }

    /** An OpenAI batch line, broken one way. */
    Body badOpenAiLine() {
        Map<String, String> f = openAiLine();
        String how = pick(List.<Supplier<String>>of(
                () -> set(f, "url", quote(pick(List.of("/v1/embeddings", "/v1/completions", "")))),
                () -> set(f, "method", quote(pick(List.of("GET", "post", "PUT")))),
                () -> remove(f, pick(List.of("body", "custom_id"))),
                () -> set(f, "body", pick(List.of("[]", "\"body\"", "7", "null"))),
                () -> set(f, "custom_id", quote("o" + pick(List.of("\\u0000", "\\ud83d")))),
                () -> set(f, "custom_id", pick(WRONG_FOR_STRING)),
                () -> body(f, "\"messages\": []"),
                () -> body(f, "\"messages\": [{\"role\": \"system\", \"content\": \"x\"}]"),
                () -> body(f, "\"messages\": [{\"role\": \"user\", \"content\": 7}]"),
                () -> body(f, "\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\"}]}]"),
                () -> body(f, "\"messages\": \"hi\""),
                () -> body(f, "\"model\": \"m\\u0000\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], "
                        + "\"max_tokens\": 9"),
                () -> body(f, "\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"max_completion_tokens\": "
                        + pick(List.of("0", "-5", "48.0", "\"many\"", "1000000", "99999999999"))),
                () -> body(f, "\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"max_tokens\": 9, "
                        + "\"reasoning_effort\": \"" + pick(List.of("extreme", "LOW", "")) + "\""),
                () -> body(f, "\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"max_tokens\": 9, \"n\": "
                        + pick(List.of("65", "0", "2", "2.5"))),
                () -> body(f, "\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"" + pick(List.of("tools",
                        "logprobs", "stop", "response_format", "frobnicate")) + "\": []"),
                () -> set(f, "extra", "true"))).get();
        return whole(f, how, true);
    }

    /** A chat completion body (POST /v1/chat/completions), valid as it stands. */
    Map<String, String> chat() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("model", quote("tiny-reasoner"));
        f.put("messages", "[{\"role\": \"user\", \"content\": \"Compute 2 + " + random.nextInt(100) + ".\"}]");
        f.put("max_completion_tokens", "64");
        return f;
    }

    /** A chat completion body, broken one way. */
    Body badChat() {
        Map<String, String> f = chat();
        String how = pick(List.<Supplier<String>>of(
                () -> set(f, "messages", pick(List.of("[]", "\"hi\"", "[7]", "[{\"role\": \"system\", \"content\": \"x\"}]",
                        "[{\"role\": \"user\", \"content\": \"x\"}, {\"role\": \"assistant\", \"content\": \"y\"}]",
                        "[{\"role\": \"user\", \"content\": [{\"type\": \"image_url\"}]}]",
                        "[{\"role\": \"tool\", \"content\": \"x\"}]", "[{\"role\": \"user\", \"content\": \"x\", \"name\": \"a\"}]",
                        "[{\"role\": \"user\", \"content\": \"x\\u0000\"}]"))),
                () -> remove(f, "messages"),
                () -> set(f, "max_completion_tokens", pick(List.of("0", "-5", "48.0", "\"many\"", "1000000", "99999999999"))),
                () -> set(f, "reasoning_effort", pick(List.of("\"extreme\"", "\"LOW\"", "\"\"", "3"))),
                () -> set(f, "n", pick(List.of("65", "0", "2", "2.5"))),
                () -> set(f, "thinking_token_budget", pick(List.of("-1", "65", "\"x\""))),
                () -> set(f, "thinkmeter", pick(List.of("{\"method\": \"fast\"}", "{\"speed\": 1}", "[]",
                        "{\"min_thinking\": 99}"))),
                () -> set(f, pick(List.of("temperature", "top_p", "seed", "user", "stream", "store")), "{}"),
                () -> set(f, pick(List.of("tools", "tool_choice", "logprobs", "response_format", "stop", "audio",
                        "frequency_penalty", "logit_bias", "colour")), "1"),
                () -> set(f, "stream_options", "{\"include_usage\": true}"))).get();
        return whole(f, how, false);
    }

    /** A tenant form, broken one way. */
    Body badTenant() {
        Map<String, String> f = tenant();
        String how = pick(List.<Supplier<String>>of(
                () -> set(f, "id", quote(pick(List.of("", "no spaces", "-dash", "a".repeat(65), "a\\u0000b",
                        "a\\u0001", "é")))),
                () -> set(f, "name", quote(pick(List.of("", "   ", "n\\u0000", "n".repeat(257), "\\ud800")))),
                () -> wrongType(f, pick(List.of("id", "name")), WRONG_FOR_STRING),
                () -> set(f, "daily_token_quota", pick(List.of("-1", "1.5", "1e30", "\"100\"", "99999999999999999999",
                        "[]"))),
                () -> remove(f, pick(List.of("id", "name"))),
                () -> set(f, pick(List.of("id", "name")), "null"),
                () -> set(f, pick(List.of("colour", "api_key", "quota")), "1"),
                () -> set(f, "name", nested(1100)))).get();
        return whole(f, how, false);
    }

    /**
     * The fields as a JSON object, then maybe broken at the level of text or bytes: cut short, a key
     * given twice, invalid UTF-8, or another value where the object should be.
     *
     * @param line whether it is a batch line, where a blank line is skipped, not wrong
     */
    private Body whole(Map<String, String> f, String how, boolean line) {
        String json = json(f);
        return switch (random.nextInt(10)) {
            case 0 -> {
                // at least one character: an empty batch line would merely be skipped
                String cut = json.substring(0, 1 + random.nextInt(json.length() - 2));
                yield new Body(utf8(cut), how + ", then cut to " + cut.length() + " characters");
            }
            case 1 -> {
                String key = pick(new ArrayList<>(f.keySet()));
                yield new Body(utf8(json.substring(0, json.length() - 1) + ", \"" + key + "\": " + f.get(key) + "}"),
                        how + ", then " + key + " given twice");
            }
            case 2 -> {
                int at = json.indexOf('"', 1 + json.indexOf(':')) + 1;
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(utf8(json.substring(0, at)));
                out.writeBytes(pick(INVALID_UTF8));
                out.writeBytes(utf8(json.substring(at)));
                yield new Body(out.toByteArray(), how + ", then invalid UTF-8 in a string");
            }
            case 3 -> {
                List<String> others = new ArrayList<>(List.of("[]", "null", "\"text\"", "42", "{}", "[" + json + "]",
                        json + " " + json, json + "x", "{\"a\": 1,}", "{'problem': 'x'}", "{\"problem\": \"x\"\u0001}"));
                if (!line) {
                    // a blank body is no object; a blank line in a batch is merely skipped
                    others.addAll(List.of("", "   "));
                }
                yield new Body(utf8(pick(others)), "not one JSON object");
            }
            default -> new Body(utf8(json), how);
        };
    }

    private String wrongType(Map<String, String> f, String field, List<String> values) {
        return set(f, field, pick(values));
    }

    private static String set(Map<String, String> f, String field, String rawJson) {
        f.put(field, rawJson);
        return field + " = " + (rawJson.length() > 40 ? rawJson.substring(0, 40) + "..." : rawJson);
    }

    private static String remove(Map<String, String> f, String field) {
        f.remove(field);
        return field + " removed";
    }

    private static String body(Map<String, String> f, String fields) {
        return set(f, "body", "{" + fields + "}");
    }

    private String nested(int depth) {
        return "[".repeat(depth) + "1" + "]".repeat(depth);
    }

    static String json(Map<String, String> f) {
        StringBuilder s = new StringBuilder("{");
        f.forEach((k, v) -> s.append(s.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(v));
        return s.append('}').toString();
    }

    private static String quote(String escapedText) {
        return "\"" + escapedText + "\"";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
