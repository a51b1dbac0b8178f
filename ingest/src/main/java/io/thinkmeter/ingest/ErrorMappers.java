package io.thinkmeter.ingest;

import io.thinkmeter.ingest.openai.OpenAiError;
import io.thinkmeter.storage.StorageException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Locale;

/**
 * Turns every failure into the one JSON error shape, or, on OpenAI's paths ({@link OpenAiError#PATHS}),
 * into OpenAI's envelope with the same status, so the official SDKs raise their usual exceptions. Bad input never reaches the last mapper: the
 * parsers throw {@link ApiException}; what is left is the framework's own refusals (unknown path,
 * wrong method or content type), Kafka or PostgreSQL being unreachable (503: retry), and real faults.
 * What a database or library said goes to the log, never to the caller: it is no use to them and may
 * tell an attacker about the inside.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    /** Seconds a caller is asked to wait before retrying after a 503. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response refused(ApiException e, HttpServerRequest request) {
        Response.ResponseBuilder response = builder(request, e.status(), new ErrorBody(e.getMessage(), e.problems()),
                e.param(), e.code());
        if (e.status() == 401) {
            // RFC 9110: a 401 names the scheme it wants
            response.header("WWW-Authenticate", "Bearer realm=\"thinkmeter\"");
        }
        return response.build();
    }

    /** 404 for unknown paths, 405, 415 and the like: the framework's status, our body. */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        String problem = e.getMessage() == null ? "HTTP " + status : e.getMessage();
        if (status == 404 && openAi(request)) {
            // OpenAI's words for a path it does not serve
            problem = "Invalid URL (" + request.method() + " " + request.path() + ")";
        }
        return json(request, status, new ErrorBody(reason == null ? "HTTP " + status : reason.toLowerCase(Locale.ROOT),
                List.of(problem)));
    }

    /** A submission Kafka did not commit in time: retry it with the same key, so nothing is charged twice. */
    @ServerExceptionMapper
    public Response notAccepted(NotAcceptedException e, HttpServerRequest request) {
        LOG.warn("Kafka did not commit a submission: " + e.getMessage(), e.getCause().getCause());
        String what = e.batchId() == null ? "the problem" : "the batch";
        String key = e.key().value();
        return builder(request, 503, new ErrorBody(what + " was not accepted: Kafka did not commit it in time; retry later",
                List.of(e.getMessage(), "retry with the header '" + IdempotencyKey.HEADER + ": " + key + "': if Kafka "
                        + "took it after all, the retry finds it instead of running it again, so no line is charged "
                        + "twice"), key, e.batchId()), null, null)
                .header(IdempotencyKey.HEADER, key)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }

    @ServerExceptionMapper
    public Response unavailable(PublishFailedException e, HttpServerRequest request) {
        LOG.warn("Kafka did not commit a record: " + e.getMessage(), e.getCause());
        return builder(request, 503, new ErrorBody("Kafka did not answer in time; nothing was changed; retry later",
                List.of(e.getMessage())), null, null).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response storageDown(StorageException e, HttpServerRequest request) {
        LOG.error("a PostgreSQL call failed", e);
        return builder(request, 503, new ErrorBody("PostgreSQL could not answer; retry later",
                List.of("a database call failed; what PostgreSQL said is in ingest's log")), null, null)
                .header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response fault(Exception e, HttpServerRequest request) {
        LOG.error("request failed", e);
        return json(request, 500, new ErrorBody("internal error",
                List.of("an unexpected failure; the details are in ingest's log")));
    }

    private static Response json(HttpServerRequest request, int status, ErrorBody body) {
        return builder(request, status, body, null, null).build();
    }

    /** @param request null outside a request (unit tests): our own shape */
    private static Response.ResponseBuilder builder(HttpServerRequest request, int status, ErrorBody body,
                                                    String param, String code) {
        Object entity = openAi(request)
                ? OpenAiError.of(status, OpenAiError.message(body.error(), body.problems()), param, code)
                : body;
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(entity);
    }

    private static boolean openAi(HttpServerRequest request) {
        return request != null && OpenAiError.covers(request.path());
    }
}
