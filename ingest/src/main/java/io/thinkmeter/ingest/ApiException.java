package io.thinkmeter.ingest;

import java.util.List;

/**
 * A request the service refuses, with the status to answer and every problem found, so one reply
 * tells the caller all there is to fix. Mapped to {@code {"error": ..., "problems": [...]}} by
 * {@link ErrorMappers}; on OpenAI's paths to OpenAI's envelope, where {@code param} (the request field
 * at fault) and {@code code} (OpenAI's machine-readable code) go, both optional.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final transient List<String> problems;
    private final String param;
    private final String code;

    public ApiException(int status, String error, List<String> problems) {
        this(status, error, problems, null, null);
    }

    /** @param param the request field at fault, or null; @param code OpenAI's error code, or null */
    public ApiException(int status, String error, List<String> problems, String param, String code) {
        super(error);
        this.status = status;
        this.problems = List.copyOf(problems);
        this.param = param;
        this.code = code;
    }

    public static ApiException badRequest(String error, List<String> problems) {
        return new ApiException(400, error, problems);
    }

    public static ApiException badRequest(String problem) {
        return new ApiException(400, "the request is invalid", List.of(problem));
    }

    public static ApiException unauthorized(String problem) {
        return new ApiException(401, "not authorised", List.of(problem));
    }

    public static ApiException notFound(String problem) {
        return new ApiException(404, "not found", List.of(problem));
    }

    public int status() {
        return status;
    }

    public List<String> problems() {
        return problems;
    }

    /** The request field at fault (OpenAI's {@code param}); null when none is. */
    public String param() {
        return param;
    }

    /** OpenAI's error code ({@code invalid_api_key}, {@code insufficient_quota}, ...); null when none applies. */
    public String code() {
        return code;
    }
}
