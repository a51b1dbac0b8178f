package io.thinkmeter.ingest;

import java.util.List;

/**
 * A request the service refuses, with the status to answer and every problem found, so one reply
 * tells the caller all there is to fix. Mapped to {@code {"error": ..., "problems": [...]}} by
 * {@link ErrorMappers}.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final transient List<String> problems;

    public ApiException(int status, String error, List<String> problems) {
        super(error);
        this.status = status;
        this.problems = List.copyOf(problems);
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
}
