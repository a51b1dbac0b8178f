package io.thinkmeter.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.ingest.openai.OpenAiRules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a JSONL body into a batch: each non-empty line is one problem, in Thinkmeter's format or as an
 * OpenAI Batch API line (told apart line by line). All or nothing: one bad line and the whole batch is
 * refused with every bad line named, so a caller never has to work out which half went in.
 */
final class BatchParser {

    static final String THINKMETER = "thinkmeter";
    static final String OPENAI = "openai";
    static final String MIXED = "mixed";
    private static final String OUR_BUDGET_REQUIRED = RequestCheck.BUDGET_REQUIRED
            + "; or give the whole batch one with ?budget=";

    private BatchParser() {}

    /**
     * @param batchId derived from the idempotency key ({@link SubmissionIds#batch}); each request's id
     *                derives from it and the request's sequence
     * @param maxLines the most non-empty lines accepted
     * @param limits what the served model can take
     * @param rules how OpenAI lines are mapped
     * @throws ApiException 400 listing {@code line N: problem} for every bad line (N counts every line
     *         of the body from 1, as an editor does); 413 when there are more than {@code maxLines}
     */
    static ParsedBatch parse(String body, String tenant, String batchId, BatchDefaults defaults, int maxLines,
                             ModelLimits limits, OpenAiRules rules, Instant now) {
        List<String> lines = (body == null ? "" : body).lines().toList();
        long nonEmpty = lines.stream().filter(l -> !l.isBlank()).count();
        if (nonEmpty == 0) {
            throw ApiException.badRequest("the batch is empty; nothing was submitted",
                    List.of("the body must hold one JSON object per line"));
        }
        if (nonEmpty > maxLines) {
            throw new ApiException(413, "the batch is too large; nothing was submitted",
                    List.of("the body has " + nonEmpty + " non-empty lines; a batch may have at most " + maxLines
                            + " (thinkmeter.ingest.max-batch-lines): split it"));
        }
        List<ProblemRequest> requests = new ArrayList<>((int) nonEmpty);
        List<String> problems = new ArrayList<>();
        Map<String, Integer> lineOfClientId = new HashMap<>();
        boolean ours = false;
        boolean openAi = false;
        Integer openAiBudget = defaults.budget() != null ? defaults.budget() : rules.defaultBudget(tenant);
        int sequence = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int lineNumber = i + 1;
            List<String> lineProblems = new ArrayList<>();
            ObjectNode json = JsonText.object(line, lineProblems);
            if (json != null) {
                boolean isOpenAi = OpenAiBatchLine.looksLikeOne(json);
                openAi |= isOpenAi;
                ours |= !isOpenAi;
                Submission s = isOpenAi
                        ? OpenAiBatchLine.read(json, rules, openAiBudget, defaults.method(), lineProblems)
                        : SubmissionReader.read(json, lineProblems).withDefaults(defaults.budget(), defaults.method());
                String clientIdField = isOpenAi ? "custom_id" : "client_id";
                List<String> sampleProblems = Samples.problems(s, isOpenAi ? "body.n" : "samples", clientIdField);
                lineProblems.addAll(sampleProblems);
                List<Submission> samples = sampleProblems.isEmpty() ? Samples.expand(s) : List.of(s);
                for (int k = 0; k < samples.size(); k++) {
                    Submission one = samples.get(k);
                    ProblemRequest r = one.toRequest(SubmissionIds.batchRequest(batchId, sequence + k), tenant, batchId,
                            sequence + k, now);
                    if (k == 0) {
                        // samples differ only in client id and seed: one check speaks for all of them
                        lineProblems.addAll(RequestCheck.problems(one, r, tenant,
                                isOpenAi ? OpenAiBatchLine.BUDGET_REQUIRED : OUR_BUDGET_REQUIRED, limits));
                    }
                    if (one.clientId() != null) {
                        Integer first = lineOfClientId.putIfAbsent(one.clientId(), lineNumber);
                        if (first != null) {
                            // results are matched back to lines by this id: two lines with one id cannot be told apart
                            lineProblems.add(clientIdField + " '" + one.clientId() + "' is already used by line "
                                    + first + "; each line needs its own");
                        }
                    }
                    requests.add(r);
                }
                sequence += samples.size() - 1;
            }
            sequence++;
            for (String p : lineProblems) {
                problems.add("line " + lineNumber + ": " + p);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("the batch has invalid lines; nothing was submitted", problems);
        }
        if (requests.size() > maxLines) {
            throw new ApiException(413, "the batch is too large; nothing was submitted",
                    List.of("its lines ask for " + requests.size() + " requests with their samples; a batch may have"
                            + " at most " + maxLines + " (thinkmeter.ingest.max-batch-lines): split it"));
        }
        return new ParsedBatch(batchId, ours && openAi ? MIXED : openAi ? OPENAI : THINKMETER, List.copyOf(requests));
    }
}
