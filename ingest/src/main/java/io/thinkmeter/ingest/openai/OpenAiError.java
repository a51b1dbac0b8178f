package io.thinkmeter.ingest.openai;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * OpenAI's error envelope, {@code {"error": {"message", "type", "param", "code"}}}, which the SDKs read
 * into their exceptions (by status: 400 BadRequest, 401 Unauthorized, 404 NotFound, 429 RateLimit, 5xx
 * InternalServer). Every error on OpenAI's paths has this shape; Thinkmeter's own endpoints keep theirs.
 * Types and codes are OpenAI's own: it answers {@code invalid_request_error} for every refused request
 * (a wrong key and an unknown URL included; code {@code invalid_api_key} for the key),
 * {@code insufficient_quota} over quota, and {@code server_error} when it failed.
 */
public record OpenAiError(Detail error) {

    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String INSUFFICIENT_QUOTA = "insufficient_quota";
    public static final String SERVER_ERROR = "server_error";
    public static final String INVALID_API_KEY = "invalid_api_key";
    /** The paths under which Thinkmeter speaks OpenAI. */
    public static final List<String> PATHS = List.of("/v1/chat", "/v1/files", "/v1/batches", "/v1/models");

    /** {@code param} and {@code code} are null when nothing applies, and are sent as null, as OpenAI does. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Detail(String message, String type, String param, String code) {}

    public static boolean covers(String path) {
        return path != null && PATHS.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    /** @param code OpenAI's code, or null: then the status's usual one, if it has one */
    public static OpenAiError of(int status, String message, String param, String code) {
        String type = status == 429 ? INSUFFICIENT_QUOTA : status >= 500 ? SERVER_ERROR : INVALID_REQUEST;
        if (code == null && status == 401) {
            code = INVALID_API_KEY;
        }
        if (code == null && status == 429) {
            code = INSUFFICIENT_QUOTA;
        }
        return new OpenAiError(new Detail(message, type, param, code));
    }

    /** Our error sentence and its problems as OpenAI's one message. */
    public static String message(String error, List<String> problems) {
        return problems.isEmpty() ? error : error + ": " + String.join("; ", problems);
    }
}
