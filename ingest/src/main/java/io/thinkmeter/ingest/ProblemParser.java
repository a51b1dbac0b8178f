package io.thinkmeter.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.contracts.ProblemRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns the body of {@code POST /v1/problems} into the request to publish, or a 400 listing every problem. */
final class ProblemParser {

    private ProblemParser() {}

    /** @param id the request's id, derived from the idempotency key ({@link SubmissionIds#problem}) */
    static ProblemRequest parse(String body, String tenant, String id, ModelLimits limits, Instant now) {
        List<String> problems = new ArrayList<>();
        ObjectNode json = JsonText.object(body == null ? "" : body, problems);
        if (json == null) {
            throw ApiException.badRequest("the body is not a problem; nothing was submitted",
                    problems.stream().map(p -> "body: " + p).toList());
        }
        Submission submission = SubmissionReader.read(json, problems);
        if (submission.samples() != null && submission.samples() != 1) {
            problems.add("samples is accepted in batches only (POST /v1/problems/batch): here one problem gets one result");
        }
        ProblemRequest request = submission.toRequest(id, tenant, null, null, now);
        problems.addAll(RequestCheck.problems(submission, request, tenant, RequestCheck.BUDGET_REQUIRED, limits));
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("the problem is invalid; nothing was submitted", problems);
        }
        return request;
    }
}
