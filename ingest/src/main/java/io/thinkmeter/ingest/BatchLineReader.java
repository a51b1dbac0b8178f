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
 * Reads a batch's lines one at a time into requests: each line in Thinkmeter's format or as an OpenAI
 * Batch API line, its samples expanded, checked as a request of the tenant, its client id unique in the
 * batch. The one reading of a batch line, whether the batch came as a body ({@link BatchParser}) or as
 * an uploaded file ({@link OpenAiFileBatch}). Collects every problem instead of stopping at the first.
 */
final class BatchLineReader {

    /** What is wrong with one line. @param kind what sort of problem, for OpenAI's error codes */
    record LineProblem(int line, Kind kind, String message) {}

    enum Kind { JSON, DUPLICATE_ID, INVALID }

    private static final String OUR_BUDGET_REQUIRED = RequestCheck.BUDGET_REQUIRED
            + "; or give the whole batch one with ?budget=";

    private final String tenant;
    private final String batchId;
    private final BatchDefaults defaults;
    private final ModelLimits limits;
    private final Instant now;
    private final boolean openAiOnly;
    private final OpenAiRules rules;
    /** The budget of an OpenAI line without a token cap: the batch's, else the tenant's OpenAI default. */
    private final Integer openAiBudget;
    private final List<ProblemRequest> requests = new ArrayList<>();
    private final List<LineProblem> problems = new ArrayList<>();
    private final Map<String, Integer> lineOfClientId = new HashMap<>();
    private boolean ours;
    private boolean openAi;

    /**
     * @param batchId each request's id derives from it and the request's sequence
     * @param openAiOnly every line is read as an OpenAI batch line (an uploaded batch file), never as ours
     * @param rules how OpenAI lines are mapped
     */
    BatchLineReader(String tenant, String batchId, BatchDefaults defaults, ModelLimits limits, Instant now,
                    boolean openAiOnly, OpenAiRules rules) {
        this.tenant = tenant;
        this.batchId = batchId;
        this.defaults = defaults;
        this.limits = limits;
        this.now = now;
        this.openAiOnly = openAiOnly;
        this.rules = rules;
        this.openAiBudget = defaults.budget() != null ? defaults.budget() : rules.defaultBudget(tenant);
    }

    /**
     * Reads one non-blank line.
     *
     * @param lineNumber counted from 1 over every line, blank ones too, as an editor does
     * @return how many requests the line became (its samples); 1 for a bad line, which keeps its place
     */
    int add(int lineNumber, String line) {
        int sequence = requests.size();
        List<String> lineProblems = new ArrayList<>();
        ObjectNode json = JsonText.object(line, lineProblems);
        if (json == null) {
            lineProblems.forEach(p -> problems.add(new LineProblem(lineNumber, Kind.JSON, p)));
            requests.add(null);
            return 1;
        }
        boolean isOpenAi = openAiOnly || OpenAiBatchLine.looksLikeOne(json);
        openAi |= isOpenAi;
        ours |= !isOpenAi;
        Submission s = isOpenAi
                ? OpenAiBatchLine.read(json, rules, openAiBudget, defaults.method(), lineProblems)
                : SubmissionReader.read(json, lineProblems).withDefaults(defaults.budget(), defaults.method());
        String clientIdField = isOpenAi ? "custom_id" : "client_id";
        List<String> sampleProblems = Samples.problems(s, isOpenAi ? "body.n" : "samples", clientIdField);
        lineProblems.addAll(sampleProblems);
        List<Submission> samples = sampleProblems.isEmpty() ? Samples.expand(s) : List.of(s);
        List<String> duplicates = new ArrayList<>();
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
                    duplicates.add(clientIdField + " '" + one.clientId() + "' is already used by line " + first
                            + "; each line needs its own");
                }
            }
            requests.add(r);
        }
        lineProblems.forEach(p -> problems.add(new LineProblem(lineNumber, Kind.INVALID, p)));
        duplicates.forEach(p -> problems.add(new LineProblem(lineNumber, Kind.DUPLICATE_ID, p)));
        return samples.size();
    }

    /**
     * A line that could not even be read as text (its problem noted by the caller) still takes one place,
     * so the sequences of the lines after it do not depend on it.
     *
     * @return the place it took
     */
    int keepPlace() {
        requests.add(null);
        return requests.size() - 1;
    }

    /** In input order: {@code requests().get(i).sequence() == i}; meaningful only when there are no problems. */
    List<ProblemRequest> requests() {
        return requests;
    }

    List<LineProblem> problems() {
        return problems;
    }

    /** thinkmeter, openai, or mixed (lines of both) */
    String inputFormat() {
        return ours && openAi ? BatchParser.MIXED : openAi ? BatchParser.OPENAI : BatchParser.THINKMETER;
    }
}
