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
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

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

    @ServerExceptionMapper
    public Response unavailable(PublishFailedException e) {
        LOG.warn("Kafka did not acknowledge a submission", e);
        return json(503, new ErrorBody("the request was not accepted: Kafka did not acknowledge it; retry later",
                List.of(e.getMessage())));
    }

    @ServerExceptionMapper
    public Response storageDown(StorageException e) {
        LOG.error("a PostgreSQL call failed", e);
        return json(503, new ErrorBody("PostgreSQL could not answer; retry later", List.of(e.getMessage())));
    }

    @ServerExceptionMapper
    public Response fault(Exception e) {
        LOG.error("request failed", e);
        return json(500, new ErrorBody("internal error", List.of(String.valueOf(e.getMessage()))));
    }

    private static Response json(int status, ErrorBody body) {
        return builder(status, body).build();
    }

    private static Response.ResponseBuilder builder(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }
}
