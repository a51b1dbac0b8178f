package io.thinkmeter.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.thinkmeter.storage.Prices;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.util.List;

/**
 * {@code /v1/admin/prices}: the operator adds and lists model prices. Prices are history (ledger rows were
 * charged at them), so a price is added, never changed: the same price again is answered as it stands, a
 * different one for the same model and day is refused.
 */
@Path("/v1/admin/prices")
@Produces(MediaType.APPLICATION_JSON)
public class PriceResource {

    /**
     * A price as the API shows it: amounts as exact decimal strings ("0.10"), as a client that reads JSON
     * numbers into doubles would round them; {@code PUT} takes them back as they are.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PriceView(String model, String validFrom, String inputPerMillion, String outputPerMillion,
                            String currency) {

        static PriceView of(Prices.Price p) {
            return new PriceView(p.model(), p.validFrom().toString(), p.inputPerMillion().toPlainString(),
                    p.outputPerMillion().toPlainString(), p.currency());
        }
    }

    public record PriceList(List<PriceView> prices) {}

    private final Callers callers;
    private final Prices prices;
    private final HttpLimits http;

    public PriceResource(Callers callers, Prices prices, HttpLimits http) {
        this.callers = callers;
        this.prices = prices;
        this.http = http;
    }

    /** 201 added, 200 the same price was there, 409 another price is there for that model and day. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@HeaderParam(Callers.ADMIN_KEY_HEADER) String adminKey, InputStream body) {
        callers.requireAdmin(adminKey);
        Prices.Price price = PriceForm.parse(RequestBody.read(body, http.maxBodyBytes()).text());
        return switch (prices.put(price)) {
            case CREATED -> Response.status(201).entity(PriceView.of(price)).build();
            case UNCHANGED -> Response.ok(PriceView.of(price)).build();
            case CONFLICT -> throw new ApiException(409, "prices are history: add a new valid_from",
                    List.of(standing(price) + "; ledger rows may have been charged at it, so it is not changed: "
                            + "give the new price a later valid_from"));
        };
    }

    @GET
    public PriceList list(@HeaderParam(Callers.ADMIN_KEY_HEADER) String adminKey) {
        callers.requireAdmin(adminKey);
        return new PriceList(prices.list().stream().map(PriceView::of).toList());
    }

    private String standing(Prices.Price asked) {
        return prices.list().stream()
                .filter(p -> p.model().equals(asked.model()) && p.validFrom().equals(asked.validFrom()))
                .findFirst()
                .map(p -> asked.model() + " from " + p.validFrom() + " is priced " + p.inputPerMillion().toPlainString()
                        + " in / " + p.outputPerMillion().toPlainString() + " out per million tokens, " + p.currency())
                .orElse(asked.model() + " has another price from " + asked.validFrom());
    }
}
