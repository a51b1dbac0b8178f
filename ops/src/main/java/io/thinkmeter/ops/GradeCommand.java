package io.thinkmeter.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.grading.AnswerGrader;
import io.thinkmeter.grading.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code thinkmeter grade}: reads JSON lines {@code {"predicted": ..., "gold": ...}} from standard input
 * and writes one line {@code {"equal": true|false}} per input line, in order, flushed line by line so
 * it can sit in a pipe. A line that is not such an object gets {@code {"equal": false, "error": "..."}}
 * and the next line is read.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {"Grade answers: read JSON lines {\"predicted\": ..., \"gold\": ...} from standard input,",
                "write {\"equal\": true|false} per line. predicted is a whole model output or a bare answer;",
                "gold a bare answer (a string, or a number). See ops/README.md, \"Grading answers\"."})
final class GradeCommand implements Callable<Integer> {


    @Option(names = "--timeout-ms", defaultValue = "2000",
            description = "most milliseconds of symbolic checking per line; past it the line is unequal (default: ${DEFAULT-VALUE})")
    long timeoutMillis;

    @Option(names = "--explain", description = {"add \"answer\" (what was taken from predicted), \"extraction\" (the rule that took it),",
            "\"rules\" (the comparison rules that decided) and \"notes\" (why parts did not match)"})
    boolean explain;

    @Spec
    CommandSpec spec;

    private final InputStream in;

    GradeCommand() {
        this(System.in);
    }

    GradeCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() throws IOException {
        if (timeoutMillis < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout-ms must be at least 1, not " + timeoutMillis);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (AnswerGrader grader = new AnswerGrader(Duration.ofMillis(timeoutMillis));
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.println(Json.text(grade(grader, line)));
                out.flush();
            }
        }
        return 0;
    }

    /** One output line: the verdict, or why the input line could not be graded. */
    record Graded(boolean equal, @JsonInclude(JsonInclude.Include.NON_NULL) String error) {}

    /**
     * One output line with {@code --explain}: the verdict, the answer taken, the rule that took it, the
     * comparison rules that decided, and why parts did not match.
     */
    record Explained(boolean equal, String answer, String extraction, List<String> rules, List<String> notes) {}

    private Object grade(AnswerGrader grader, String line) {
        JsonNode row;
        try {
            row = Json.forServices().readTree(line);
        } catch (JsonProcessingException notJson) {
            return failed("not JSON: " + notJson.getOriginalMessage());
        }
        if (row == null || !row.isObject()) {
            return failed("not a JSON object");
        }
        String predicted = text(row, "predicted");
        String gold = text(row, "gold");
        if (predicted == null || gold == null) {
            return failed("needs \"predicted\" and \"gold\", each a string or a number");
        }
        Verdict verdict = grader.grade(predicted, gold);
        return explain ? new Explained(verdict.equal(), verdict.answer(), verdict.extraction(), verdict.rules(), verdict.notes())
                : new Graded(verdict.equal(), null);
    }

    /** A string field as it is; a number as written ({@code 27.0}: amc23's golds are JSON numbers). */
    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || !(value.isTextual() || value.isNumber())) {
            return null;
        }
        return value.isTextual() ? value.textValue() : value.asText();
    }

    private static Graded failed(String error) {
        return new Graded(false, error);
    }
}
