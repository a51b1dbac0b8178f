package io.thinkmeter.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.RejectedRequest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code rejections} table: every request the platform refused after accepting it, whatever the
 * request held, with the reason and its payload as it arrived, so nothing accepted onto Kafka goes
 * unaccounted. Auditors read it through the {@code rejected_requests} view. A rejection is recorded
 * once per request id: the first reason stands.
 */
public final class Rejections {

    private static final String INSERT = """
            INSERT INTO rejections (request_id, tenant_id, batch_id, reason, payload)
            VALUES (?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (request_id) DO NOTHING
            """;

    private Rejections() {}

    /**
     * Records a refusal on {@code c}, inside the caller's transaction: how the storage sink accounts for a
     * submitted request PostgreSQL would not take as a row of {@code requests}.
     *
     * @return true when this call recorded it, false when the request id already had a rejection
     * @throws IllegalArgumentException when even a rejections row cannot hold the request (no id, an
     *         identifier with U+0000)
     */
    public static boolean record(Connection c, ProblemRequest request, String reason) throws SQLException {
        requireRecordable(request, reason);
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            bind(ps, request, reason);
            return ps.executeUpdate() == 1;
        }
    }

    /** Records each rejection from the rejected topic on {@code c}, in one batched statement. */
    static void recordAll(Connection c, List<RejectedRequest> rejected) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (RejectedRequest r : rejected) {
                bind(ps, r.request(), r.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void requireRecordable(ProblemRequest request, String reason) {
        if (request == null) {
            throw new IllegalArgumentException("cannot record a rejection without its request");
        }
        String id = Sql.requireText(request.id(), "id", "a rejected request");
        String of = "the rejection of request " + id;
        Sql.requireStorableIdentifier(id, "id", of);
        Sql.requireText(reason, "reason", of);
        Sql.requireStorableIdentifier(request.tenant(), "tenant", of);
        Sql.requireStorableIdentifier(request.batch(), "batch", of);
    }

    private static void bind(PreparedStatement ps, ProblemRequest request, String reason) throws SQLException {
        ps.setString(1, request.id());
        ps.setString(2, request.tenant());
        ps.setString(3, request.batch());
        Sql.setText(ps, 4, reason);
        ps.setString(5, payload(request));
    }

    /**
     * The request as JSON that jsonb accepts: jsonb refuses the escape of U+0000, which any text field
     * of a record produced straight to Kafka may hold, so it becomes U+FFFD here (the payload is a copy
     * kept for the record, not an identifier anything joins on).
     */
    static String payload(ProblemRequest request) {
        try {
            return Json.forServices().writeValueAsString(withoutNul(Json.forServices().valueToTree(request)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request " + request.id() + " cannot be written as JSON", e);
        }
    }

    private static JsonNode withoutNul(JsonNode node) {
        if (node.isTextual() && node.textValue().indexOf(0) >= 0) {
            return TextNode.valueOf(node.textValue().replace((char) 0, (char) 0xFFFD));
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                field.setValue(withoutNul(field.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, withoutNul(array.get(i)));
            }
        }
        return node;
    }
}
