package io.thinkmeter.ingest.openai;

import io.thinkmeter.ingest.ApiException;
import io.thinkmeter.ingest.Callers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code GET /v1/models}: the served models (main and TLDR) as OpenAI's model objects. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    public static final String OWNER = "thinkmeter";

    public record Model(String id, String object, long created, String ownedBy) {

        static Model of(ServedModels.Served served) {
            return new Model(served.name(), "model", served.created().getEpochSecond(), OWNER);
        }
    }

    public record ModelList(String object, List<Model> data) {}

    private final Callers callers;
    private final ServedModels models;

    public ModelsResource(Callers callers, OpenAiRules rules) {
        this.callers = callers;
        this.models = rules.models();
    }

    @GET
    public ModelList list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        callers.tenant(authorization);
        return new ModelList("list", models.all().stream().map(Model::of).toList());
    }

    @GET
    @Path("{id}")
    public Model get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        callers.tenant(authorization);
        return models.named(id).map(Model::of).orElseThrow(() -> new ApiException(404, "not found",
                List.of("The model '" + id + "' does not exist"), "model", "model_not_found"));
    }
}
