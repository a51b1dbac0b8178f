package io.thinkmeter.ingest.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.StopReason;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's {@code chat.completion} object, built from the stored results of one chat request (one
 * result per choice: {@code n} samples are {@code n} ledger rows). The one place where a result becomes
 * OpenAI's shape: the synchronous answer and each line of a batch's output file.
 *
 * <p>{@code usage} is the ledger's, summed over the choices: every sample is its own row, its prompt
 * counted in each, so the numbers a client adds up are the numbers an auditor finds in SQL.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletion(String id, String object, long created, String model, List<Choice> choices,
                             Usage usage) {

    public static final String OBJECT = "chat.completion";
    public static final String ID_PREFIX = "chatcmpl-";

    public record Choice(int index, Message message, String finishReason, Object logprobs) {}

    /** {@code content} is the answer, {@code reasoning_content} the thinking (vLLM's and DeepSeek's field). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Message(String role, String content, String reasoningContent, String refusal) {}

    public record Usage(long promptTokens, long completionTokens, long totalTokens,
                        CompletionTokensDetails completionTokensDetails) {

        static Usage of(List<ProblemResult> results) {
            long prompt = 0;
            long completion = 0;
            long reasoning = 0;
            for (ProblemResult r : results) {
                prompt += r.promptTokens();
                completion += r.generatedTokens();
                reasoning += r.thinkingTokens();
            }
            return new Usage(prompt, completion, prompt + completion, new CompletionTokensDetails(reasoning));
        }
    }

    public record CompletionTokensDetails(long reasoningTokens) {}

    /**
     * @param id the completion's id (the first request's id, {@code chatcmpl-} prefixed by the caller's choice)
     * @param samples the results of the request's samples, in sample order; at least one, all decoded
     */
    public static ChatCompletion of(String id, Instant created, List<ProblemResult> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a chat completion needs at least one result");
        }
        List<Choice> choices = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            ProblemResult r = samples.get(i);
            choices.add(new Choice(i, new Message("assistant", r.answer() == null ? "" : r.answer(), r.thinking(), null),
                    finishReason(r.stopReason()), null));
        }
        return new ChatCompletion(id, OBJECT, created.getEpochSecond(), samples.get(0).model(), choices,
                Usage.of(samples));
    }

    /** The completion id of the chat request whose first sample is {@code requestId}. */
    public static String idOf(String requestId) {
        return ID_PREFIX + requestId;
    }

    /** OpenAI's two: {@code length} when the budget cut the answer, {@code stop} when it ended on its own or forced. */
    public static String finishReason(StopReason reason) {
        return reason == StopReason.MAX_TOKENS ? "length" : "stop";
    }
}
