package io.thinkmeter.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.thinkmeter.contracts.Json;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.vertx.VertxInputStream;

import java.util.List;
import java.util.Map;

/**
 * The HTTP layer's own limits, answered in the JSON error shape like every other refusal: 414 for a
 * long URI, 431 for large headers, 413 for a body over {@code quarkus.http.limits.max-body-size}.
 *
 * <p>Vert.x refuses what is over its own limits before any handler runs, with a bare status and no
 * body, and Quarkus exposes no hook for that (Vert.x's {@code HttpServer#invalidRequestHandler}). So
 * Vert.x's limits are set far above these ({@code max-initial-line-length} and {@code max-header-size},
 * 1 MiB each, in application.properties) and these are enforced here, in the first route of the router,
 * before Quarkus's own body-size check. A request beyond Vert.x's limits still gets its bare status.
 *
 * <p>A body sent without a length (chunked) cannot be judged up front: Quarkus would cut it off with a
 * bare 413, so its stream limit is lifted and the resources read bodies through {@link RequestBody},
 * which refuses the same limit with the JSON 413.
 */
@ApplicationScoped
public class HttpLimits {

    /** As nginx and Apache allow; ids and query parameters are far shorter. */
    static final int MAX_URI_CHARS = 8 * 1024;
    /** All header names and values together, as Vert.x counts them. */
    static final int MAX_HEADER_BYTES = 32 * 1024;
    /** How long a refused request's body is read and dropped, so the client gets to read the reply. */
    static final long LINGER_MILLIS = 5_000;

    private final long maxBodyBytes;

    public HttpLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseOversized);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1)
                .handler(HttpLimits::readChunkedBodiesOurselves);
    }

    private void refuseOversized(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        int uriChars = request.uri().length();
        if (uriChars > MAX_URI_CHARS) {
            refuse(ctx, 414, "the request URI is too long", "the URI has " + uriChars + " characters; at most "
                    + MAX_URI_CHARS + " are accepted: ids are short, and a batch goes in the body");
            return;
        }
        long headerBytes = headerBytes(request.headers());
        if (headerBytes > MAX_HEADER_BYTES) {
            refuse(ctx, 431, "the request headers are too large", "the headers have " + headerBytes
                    + " bytes; at most " + MAX_HEADER_BYTES + " are accepted");
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredTooLong(length)) {
            ApiException tooLarge = RequestBody.tooLarge(maxBodyBytes);
            refuse(ctx, 413, tooLarge.getMessage(), "Content-Length is " + length + "; " + tooLarge.problems().get(0));
            return;
        }
        ctx.next();
    }

    private boolean declaredTooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            // Vert.x has already refused a length that is not a number; a 20-digit one is too long
            return contentLength.trim().chars().allMatch(Character::isDigit);
        }
    }

    private static void readChunkedBodiesOurselves(RoutingContext ctx) {
        ctx.remove(VertxInputStream.MAX_REQUEST_SIZE_KEY);
        ctx.next();
    }

    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> h : headers) {
            // "name: value\r\n"
            bytes += h.getKey().length() + h.getValue().length() + 4;
        }
        return bytes;
    }

    /**
     * Answers at once and closes the connection; meanwhile reads and drops whatever body is still on
     * its way (for at most {@link #LINGER_MILLIS}), since a client still sending would otherwise see
     * the connection reset instead of the reply.
     */
    private static void refuse(RoutingContext ctx, int status, String error, String problem) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        String json;
        try {
            json = Json.forServices().writeValueAsString(new ErrorBody(error, List.of(problem)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body does not serialise", e);
        }
        boolean bodyPending = !request.isEnded();
        if (bodyPending) {
            request.handler(ignored -> { });
            request.endHandler(ignored -> request.connection().close());
            request.resume();
            ctx.vertx().setTimer(LINGER_MILLIS, ignored -> request.connection().close());
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(json)
                .onComplete(ignored -> {
                    if (!bodyPending || request.isEnded()) {
                        request.connection().close();
                    }
                });
    }
}
