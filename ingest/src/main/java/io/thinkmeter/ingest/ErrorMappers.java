package io.thinkmeter.ingest;

import io.thinkmeter.storage.StorageException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Locale;

/**
 * Turns every failure into the one JSON error shape. Bad input never reaches the last mapper: the
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
    public Response refused(ApiException e) {
        Response.ResponseBuilder response = builder(e.status(), new ErrorBody(e.getMessage(), e.problems()));
        if (e.status() == 401) {
            // RFC 9110: a 401 names the scheme it wants
            response.header("WWW-Authenticate", "Bearer realm=\"thinkmeter\"");
        }
        return response.build();
    }

    /** 404 for unknown paths, 405, 415 and the like: the framework's status, our body. */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return json(status, new ErrorBody(reason == null ? "HTTP " + status : reason.toLowerCase(Locale.ROOT),
                List.of(e.getMessage() == null ? "HTTP " + status : e.getMessage())));
    }

    /** A submission Kafka did not commit in time: retry it with the same key, so nothing is charged twice. */
    @ServerExceptionMapper
    public Response notAccepted(NotAcceptedException e) {
        LOG.warn("Kafka did not commit a submission: " + e.getMessage(), e.getCause().getCause());
        String what = e.batchId() == null ? "the problem" : "the batch";
        String key = e.key().value();
        return builder(503, new ErrorBody(what + " was not accepted: Kafka did not commit it in time; retry later",
                List.of(e.getMessage(), "retry with the header '" + IdempotencyKey.HEADER + ": " + key + "': if Kafka "
                        + "took it after all, the retry finds it instead of running it again, so no line is charged "
                        + "twice"), key, e.batchId()))
                .header(IdempotencyKey.HEADER, key)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }

    @ServerExceptionMapper
    public Response unavailable(PublishFailedException e) {
        LOG.warn("Kafka did not commit a record: " + e.getMessage(), e.getCause());
        return builder(503, new ErrorBody("Kafka did not answer in time; nothing was changed; retry later",
                List.of(e.getMessage()))).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response storageDown(StorageException e) {
        LOG.error("a PostgreSQL call failed", e);
        return builder(503, new ErrorBody("PostgreSQL could not answer; retry later",
                List.of("a database call failed; what PostgreSQL said is in ingest's log")))
                .header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response fault(Exception e) {
        LOG.error("request failed", e);
        return json(500, new ErrorBody("internal error",
                List.of("an unexpected failure; the details are in ingest's log")));
    }

    private static Response json(int status, ErrorBody body) {
        return builder(status, body).build();
    }

    private static Response.ResponseBuilder builder(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }
}
