package io.thinkmeter.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.ops.grading.AnswerGrader;
import io.thinkmeter.ops.grading.Verdict;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--timeout-ms", defaultValue = "2000",
            description = "most milliseconds of symbolic checking per line; past it the line is unequal (default: ${DEFAULT-VALUE})")
    long timeoutMillis;

    @Option(names = "--explain", description = "add \"answer\" (what was taken from predicted) and \"notes\" (why parts did not match)")
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
                out.println(JSON.writeValueAsString(grade(grader, line)));
                out.flush();
            }
        }
        return 0;
    }

    private ObjectNode grade(AnswerGrader grader, String line) {
        ObjectNode result = JSON.createObjectNode();
        JsonNode row;
        try {
            row = JSON.readTree(line);
        } catch (JsonProcessingException notJson) {
            return failed(result, "not JSON: " + notJson.getOriginalMessage());
        }
        if (row == null || !row.isObject()) {
            return failed(result, "not a JSON object");
        }
        String predicted = text(row, "predicted");
        String gold = text(row, "gold");
        if (predicted == null || gold == null) {
            return failed(result, "needs \"predicted\" and \"gold\", each a string or a number");
        }
        Verdict verdict = grader.grade(predicted, gold);
        result.put("equal", verdict.equal());
        if (explain) {
            result.put("answer", verdict.answer());
            verdict.notes().forEach(result.putArray("notes")::add);
        }
        return result;
    }

    /** A string field as it is; a number as written ({@code 27.0}: amc23's golds are JSON numbers). */
    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || !(value.isTextual() || value.isNumber())) {
            return null;
        }
        return value.isTextual() ? value.textValue() : value.asText();
    }

    private static ObjectNode failed(ObjectNode result, String error) {
        result.put("equal", false);
        result.put("error", error);
        return result;
    }
}
