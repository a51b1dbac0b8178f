package io.thinkmeter.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.contracts.RequestValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The body of {@code POST /v1/tenants}: {@code id}, {@code name}, optional {@code daily_token_quota}. */
record TenantForm(String id, String name, Long dailyTokenQuota) {

    private static final Set<String> FIELDS = Set.of("id", "name", "daily_token_quota");
    /** A name to show people, not a document. */
    static final int MAX_NAME_CHARS = 256;

    /** @throws ApiException 400 listing every problem */
    static TenantForm parse(String body) {
        List<String> problems = new ArrayList<>();
        ObjectNode json = JsonText.object(body == null ? "" : body, problems);
        if (json == null) {
            throw ApiException.badRequest("the body is not a tenant",
                    problems.stream().map(p -> "body: " + p).toList());
        }
        FieldReader f = new FieldReader(json, "", problems);
        f.rejectUnknown(FIELDS, "id, name, daily_token_quota");
        String id = f.text("id");
        String name = f.text("name");
        Long quota = f.wholeLong("daily_token_quota");
        if (id == null && !f.unreadable("id")) {
            problems.add("id is required");
        } else if (id != null) {
            // every request will carry this id as its tenant: it must pass the same rule there
            for (String p : RequestCheck.asRequestFields(id, null, null)) {
                // text PostgreSQL cannot hold was named by JsonText already
                if (!p.endsWith(RequestValidator.CANNOT_STORE)) {
                    problems.add(p.replaceFirst("^tenant ", "id "));
                }
            }
        }
        if (name == null && !f.unreadable("name")) {
            problems.add("name is required");
        } else if (name != null && name.isBlank()) {
            problems.add("name must not be blank");
        } else if (name != null && name.length() > MAX_NAME_CHARS) {
            problems.add("name must be at most " + MAX_NAME_CHARS + " characters, was " + name.length());
        }
        if (quota != null && quota < 0) {
            problems.add("daily_token_quota must be 0 or more (leave it out for no limit), was " + quota);
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("the tenant is invalid; nothing was created", problems);
        }
        return new TenantForm(id, name, quota);
    }
}
