package io.thinkmeter.ingest.openai;

import io.thinkmeter.ingest.ApiException;
import io.thinkmeter.ingest.Callers;
import io.thinkmeter.ingest.HttpLimits;
import io.thinkmeter.ingest.IngestConfig;
import io.thinkmeter.storage.OpenAiFiles;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * OpenAI's Files API, for batch input files: upload (multipart, streamed to a temporary file by the HTTP
 * layer, then into PostgreSQL a chunk at a time), list, read, download, delete. A tenant sees only its own
 * files; another tenant's id is unknown (404).
 */
@Path("/v1/files")
@Produces(MediaType.APPLICATION_JSON)
public class OpenAiFileResource {

    static final int MAX_LIST_LIMIT = 10_000;

    private final Callers callers;
    private final OpenAiFiles files;
    private final long maxFileBytes;
    private final int maxFileLines;

    public OpenAiFileResource(Callers callers, OpenAiFiles files, HttpLimits http, IngestConfig config) {
        this.callers = callers;
        this.files = files;
        this.maxFileBytes = http.maxFileBytes();
        this.maxFileLines = config.openai().maxFileLines();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public FileObject upload(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @RestForm("file") FileUpload file, @RestForm("purpose") String purpose) {
        String tenant = callers.tenant(authorization);
        OpenAiRequests.requirePurpose(purpose);
        if (file == null) {
            throw ApiException.badRequest("file is required: the multipart form's file part, the JSONL to upload");
        }
        if (file.size() > maxFileBytes) {
            throw new ApiException(413, "the file is too large; nothing was stored", List.of("the file has "
                    + file.size() + " bytes; a file may have at most " + maxFileBytes
                    + " (thinkmeter.ingest.openai.max-file-bytes)"));
        }
        String filename = file.fileName() == null || file.fileName().isBlank() ? "upload.jsonl" : file.fileName();
        try {
            return FileObject.of(files.create(tenant, OpenAiIds.newFileId(), filename, OpenAiFiles.PURPOSE_BATCH,
                    maxFileLines, out -> Files.copy(file.uploadedFile(), out)));
        } catch (OpenAiFiles.TooManyLinesException e) {
            throw ApiException.badRequest("file has more than " + e.maxLines() + " lines; a batch input file may"
                    + " have at most " + e.maxLines() + " (thinkmeter.ingest.openai.max-file-lines): split it");
        }
    }

    @GET
    public OpenAiList<FileObject> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                       @QueryParam("purpose") String purpose, @QueryParam("after") String after,
                                       @QueryParam("limit") String limit, @QueryParam("order") String order) {
        String tenant = callers.tenant(authorization);
        int n = OpenAiRequests.limit(limit, MAX_LIST_LIMIT, MAX_LIST_LIMIT);
        boolean newestFirst = OpenAiRequests.newestFirst(order);
        return OpenAiList.of(files.list(tenant, purpose, after, n + 1, newestFirst), n, FileObject::of,
                FileObject::id);
    }

    @GET
    @Path("{id}")
    public FileObject get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        return FileObject.of(file(callers.tenant(authorization), id));
    }

    /** The bytes as uploaded (or as the platform wrote them), streamed a chunk at a time. */
    @GET
    @Path("{id}/content")
    @Produces(MediaType.WILDCARD)
    public Response content(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @PathParam("id") String id) {
        String tenant = callers.tenant(authorization);
        OpenAiFiles.StoredFile file = file(tenant, id);
        StreamingOutput body = out -> {
            try {
                files.read(tenant, id, in -> in.transferTo(out));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        };
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_LENGTH, file.bytes())
                .header("Content-Disposition", "attachment; filename=\"" + file.filename().replace("\"", "") + "\"")
                .build();
    }

    @DELETE
    @Path("{id}")
    public FileObject.Deleted delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                     @PathParam("id") String id) {
        String tenant = callers.tenant(authorization);
        if (!OpenAiIds.couldBeFile(id) || !files.delete(tenant, id)) {
            throw noSuchFile(id);
        }
        return FileObject.Deleted.of(id);
    }

    private OpenAiFiles.StoredFile file(String tenant, String id) {
        if (!OpenAiIds.couldBeFile(id)) {
            throw noSuchFile(id);
        }
        return files.find(tenant, id).orElseThrow(() -> noSuchFile(id));
    }

    static ApiException noSuchFile(String id) {
        return ApiException.notFound("No such File object: " + OpenAiIds.shown(id));
    }
}
