package io.thinkmeter.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.ingest.openai.ChatBody;
import io.thinkmeter.ingest.openai.OpenAiRules;

import java.util.List;
import java.util.Set;

/**
 * One line of an OpenAI Batch API input file (a chat completion request), so a file written for OpenAI
 * runs here unchanged: {@code custom_id} becomes the client id, {@code method} must be POST and
 * {@code url} {@code /v1/chat/completions} when given, and the {@code body} is mapped by {@link ChatBody},
 * exactly as {@code POST /v1/chat/completions} maps its body (streaming aside: a batch line cannot stream).
 */
public final class OpenAiBatchLine {

    public static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    public static final String BUDGET_REQUIRED = "body.max_completion_tokens (or body.max_tokens) is required: it is "
            + "the token budget (no default budget is configured for this tenant: "
            + "thinkmeter.ingest.openai.default-budget); or give the whole batch one with ?budget=";
    private static final Set<String> FIELDS = Set.of("custom_id", "method", "url", "body");

    private OpenAiBatchLine() {}

    /** Whether a line is in OpenAI's format rather than ours: ours has neither of these fields. */
    public static boolean looksLikeOne(ObjectNode json) {
        return json.has("custom_id") || json.has("body");
    }

    /**
     * @param defaultBudget the budget for lines with neither token cap (the batch's {@code ?budget=}, else
     *                      the tenant's OpenAI default); may be null
     * @param defaultMethod the method for lines without reasoning_effort or thinkmeter.method; may be null
     */
    public static Submission read(ObjectNode json, OpenAiRules rules, Integer defaultBudget, Method defaultMethod,
                                  List<String> problems) {
        FieldReader f = new FieldReader(json, "", problems);
        f.rejectUnknown(FIELDS, "custom_id, method, url, body (an OpenAI batch line)");
        String customId = f.text("custom_id");
        if (customId == null && !f.has("custom_id")) {
            f.problem("custom_id is required in an OpenAI batch line");
        }
        String httpMethod = f.text("method");
        if (httpMethod != null && !"POST".equals(httpMethod)) {
            f.problem("method must be POST in an OpenAI batch line, was '" + httpMethod + "'");
        }
        String url = f.text("url");
        if (url != null && !CHAT_COMPLETIONS.equals(url)) {
            f.problem("url must be " + CHAT_COMPLETIONS + " (only chat completions are supported), was '" + url + "'");
        }
        FieldReader body = f.object("body");
        if (body == null) {
            if (!f.has("body")) {
                f.problem("body is required in an OpenAI batch line");
            }
            // the body's absence is the one problem: not also "no problem text, no budget, no method"
            return new Submission(null, customId, null, null, null, null, null, null, null, null, null, null,
                    Set.of(Submission.PROBLEM, Submission.BUDGET, Submission.METHOD));
        }
        ChatBody.Read read = ChatBody.read(body, rules, defaultBudget, defaultMethod);
        if (read.stream()) {
            body.problem(body.name("stream") + " cannot be true in a batch: results are collected in the output file");
        }
        return read.submission().withClientId(customId);
    }
}
