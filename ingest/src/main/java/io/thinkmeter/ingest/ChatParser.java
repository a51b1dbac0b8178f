package io.thinkmeter.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.ingest.openai.ChatBody;
import io.thinkmeter.ingest.openai.ChatCompletion;
import io.thinkmeter.ingest.openai.OpenAiParams;
import io.thinkmeter.ingest.openai.OpenAiRules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the body of {@code POST /v1/chat/completions} into its requests, one per sample ({@code n}), or a
 * 400 listing every problem with OpenAI's {@code param} (the first problem's field) and, for a field
 * Thinkmeter does not take, {@code code} {@code unsupported_parameter}.
 */
final class ChatParser {

    static final String BUDGET_REQUIRED = "max_completion_tokens (or max_tokens) is required: it is the token budget, "
            + "and no default budget is configured for this tenant (thinkmeter.ingest.openai.default-budget)";
    static final String UNSUPPORTED = "unsupported_parameter";

    /** The requests of one chat completion, in sample order, and how its answer is delivered. */
    record Parsed(List<ProblemRequest> samples, boolean stream, boolean includeUsage) {}

    private ChatParser() {}

    static Parsed parse(String body, String tenant, IdempotencyKey key, ModelLimits limits, OpenAiRules rules,
                        Instant now) {
        List<String> problems = new ArrayList<>();
        ObjectNode json = JsonText.object(body == null ? "" : body, problems);
        if (json == null) {
            throw refusal(problems.stream().map(p -> "body: " + p).toList());
        }
        ChatBody.Read read = ChatBody.read(new FieldReader(json, "", problems), rules, rules.defaultBudget(tenant),
                null);
        // every sample carries the completion's id, so its results say which completion they answered
        Submission s = read.submission().withClientId(ChatCompletion.idOf(SubmissionIds.problem(tenant, key)));
        List<String> sampleProblems = Samples.problems(s, "n", "client id");
        problems.addAll(sampleProblems);
        List<Submission> samples = sampleProblems.isEmpty() ? Samples.expand(s) : List.of(s);
        List<ProblemRequest> requests = new ArrayList<>(samples.size());
        for (int k = 0; k < samples.size(); k++) {
            requests.add(samples.get(k).toRequest(SubmissionIds.chatSample(tenant, key, k), tenant, null, null, now));
        }
        // samples differ only in client id and seed: one check speaks for all of them
        problems.addAll(RequestCheck.problems(samples.get(0), requests.get(0), tenant, BUDGET_REQUIRED, limits));
        if (!problems.isEmpty()) {
            throw refusal(problems);
        }
        return new Parsed(List.copyOf(requests), read.stream(), read.includeUsage());
    }

    private static ApiException refusal(List<String> problems) {
        String first = problems.get(0);
        return new ApiException(400, "the chat completion request is invalid; nothing was submitted", problems,
                OpenAiParams.of(first), first.contains(" is not supported") ? UNSUPPORTED : null);
    }
}
