package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The grader on the real gold answers of ../shared/datasets (relative to the repository root; skipped
 * with a message when absent): every gold equals itself, also with the text shortcut off (through its
 * parsed form), and its own {@code \boxed{...}} in a model-like sentence; and the next problem's gold,
 * when its text differs, is unequal, except the pairs listed in {@link #KNOWN_EQUAL_NEIGHBOURS}, checked
 * by hand to be mathematically equal. Counts are printed.
 */
class DatasetSelfConsistencyTest {

    /**
     * Neighbouring golds (gold, next gold) with different texts that are equal by a rule, checked by hand.
     * MATH500: "5" and the next problem's "x=5" are equal by the rule that {@code x = 5} equals {@code 5}.
     */
    static final Set<List<String>> KNOWN_EQUAL_NEIGHBOURS = Set.of(List.of("5", "x=5"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static AnswerGrader throughParsedForm;

    @BeforeAll
    static void start() {
        throughParsedForm = new AnswerGrader(Duration.ofSeconds(5), false);
    }

    @AfterAll
    static void stop() {
        throughParsedForm.close();
    }

    @Test
    void math500GoldsShouldEqualThemselvesAndNotTheirNeighbours() throws IOException {
        check("math500", "math500/test.jsonl", 500, row -> row.get("answer").asText());
    }

    @Test
    void olympiadBenchGoldsShouldEqualThemselvesAndNotTheirNeighbours() throws IOException {
        check("olympiadbench", "olympiadbench/test.jsonl", 675, row -> row.get("final_answer").get(0).asText());
    }

    @Test
    void aimeAndAmcGoldsShouldEqualThemselvesAndNotTheirNeighbours() throws IOException {
        check("aime24", "aime24/test.jsonl", 30, row -> row.get("answer").asText());
        check("amc23", "amc23/test.jsonl", 40, row -> row.get("answer").asText());
    }

    private static void check(String name, String file, int expected, Function<JsonNode, String> gold) throws IOException {
        Path path = datasets().resolve(file);
        assumeTrue(Files.isRegularFile(path), "no " + path.toAbsolutePath() + ": " + name + " skipped");
        List<String> golds = new ArrayList<>();
        for (String line : Files.readAllLines(path)) {
            if (!line.isBlank()) {
                golds.add(gold.apply(JSON.readTree(line)));
            }
        }
        assertEquals(expected, golds.size(), name + " golds");
        AnswerGrader grader = SharedGrader.GRADER;
        List<String> failures = new ArrayList<>();
        int self = 0;
        int parsed = 0;
        int boxed = 0;
        int unequalNeighbours = 0;
        int identicalNeighbours = 0;
        int knownEqual = 0;
        int textOnly = 0;
        long started = System.nanoTime();
        for (int i = 0; i < golds.size(); i++) {
            String g = golds.get(i);
            if (grader.equal(g, g)) {
                self++;
            } else {
                failures.add("not equal to itself: " + g);
            }
            // boxed, so that a gold written as prose is read whole, as a gold is, not extracted from
            Verdict deep = throughParsedForm.grade("\\boxed{" + g + "}", g);
            if (deep.equal()) {
                parsed++;
            } else {
                failures.add("not equal to itself through its parsed form: " + g + " " + deep.notes());
            }
            if (isTextOnly(AnswerParser.parse(g))) {
                textOnly++;
            }
            if (grader.equal("We simplify, and the answer is $\\boxed{" + g + "}$.", g)) {
                boxed++;
            } else {
                failures.add("not equal to its boxed form: " + g);
            }
            String next = golds.get((i + 1) % golds.size());
            if (Texts.canonical(LatexNormalizer.normalize(next)).equals(Texts.canonical(LatexNormalizer.normalize(g)))) {
                identicalNeighbours++;
            } else if (KNOWN_EQUAL_NEIGHBOURS.contains(List.of(g, next))) {
                knownEqual++;
            } else if (!grader.equal(next, g)) {
                unequalNeighbours++;
            } else {
                failures.add("next gold " + next + " graded equal to " + g);
            }
        }
        System.out.printf("%s: %d golds; equal to themselves %d, through their parsed form %d (%d with a part"
                        + " compared as text only), to their boxed form %d; next gold unequal %d, identical text %d,"
                        + " known equal %d; %d ms%n", name, golds.size(), self, parsed, textOnly, boxed,
                unequalNeighbours, identicalNeighbours, knownEqual, (System.nanoTime() - started) / 1_000_000);
        assertTrue(failures.isEmpty(), name + ": " + failures.size() + " failures:\n" + String.join("\n", failures));
    }

    /** True when some value of the answer could not be parsed as an expression. */
    private static boolean isTextOnly(Answer a) {
        if (a instanceof Answer.Scalar s) {
            return s.expr() == null;
        } else if (a instanceof Answer.Tuple t) {
            return t.items().stream().anyMatch(DatasetSelfConsistencyTest::isTextOnly);
        } else if (a instanceof Answer.SetOf s) {
            return s.items().stream().anyMatch(DatasetSelfConsistencyTest::isTextOnly);
        } else if (a instanceof Answer.ListOf l) {
            return l.items().stream().anyMatch(DatasetSelfConsistencyTest::isTextOnly);
        } else if (a instanceof Answer.Union u) {
            return u.pieces().stream().anyMatch(DatasetSelfConsistencyTest::isTextOnly);
        } else if (a instanceof Answer.Matrix m) {
            return m.rows().stream().flatMap(List::stream).anyMatch(DatasetSelfConsistencyTest::isTextOnly);
        } else if (a instanceof Answer.Equation e) {
            return isTextOnly(e.lhs()) || isTextOnly(e.rhs());
        }
        return false;
    }

    /** ../shared/datasets from the repository root, which is the models directory's parent. */
    static Path datasets() {
        String models = System.getProperty("thinkmeter.models.dir");
        Path root = models != null ? Path.of(models).toAbsolutePath().getParent() : Path.of("..").toAbsolutePath();
        Path dir = root.resolve("../shared/datasets").normalize();
        assumeTrue(Files.isDirectory(dir), "no datasets at " + dir + " (../shared/datasets from the repository root): skipped");
        return dir;
    }
}
