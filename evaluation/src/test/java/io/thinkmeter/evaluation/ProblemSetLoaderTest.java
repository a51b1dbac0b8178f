package io.thinkmeter.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class ProblemSetLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String jsonl) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, jsonl);
        return file;
    }

    @Test
    void shouldReadEverySpellingOfProblemAndAnswer() throws IOException {
        Path file = write("mixed.jsonl", """
                {"problem": "Compute 8 * 5 + 7.", "answer": "47", "family": "chain", "difficulty": 1}
                {"id": 60, "problem": "AIME", "question": "AIME", "answer": "025"}

                {"id": 0, "problem": "AMC", "answer": 27.0, "url": "https://x"}
                {"id": 1606, "question": "Olympiad", "final_answer": ["$2^{1009}$"], "context": null, "solution": ["long"]}
                {"unique_id": "test/algebra/1.json", "problem": "MATH", "answer": "\\\\frac{14}{3}", "level": 3}
                """);
        List<Problem> problems = ProblemSetLoader.load(file);
        assertEquals(5, problems.size());
        assertEquals(new Problem("1", "Compute 8 * 5 + 7.", "47", Map.of("family", "chain", "difficulty", "1")),
                problems.get(0));
        assertEquals(new Problem("60", "AIME", "025", Map.of()), problems.get(1));
        assertEquals(new Problem("0", "AMC", "27.0", Map.of("url", "https://x")), problems.get(2),
                "a float answer keeps its text; blank lines are skipped");
        assertEquals(new Problem("1606", "Olympiad", "2^{1009}", Map.of()), problems.get(3));
        assertEquals(new Problem("test/algebra/1.json", "MATH", "\\frac{14}{3}", Map.of("level", "3")),
                problems.get(4));
    }

    @Test
    void shouldStopAtTheLimit() throws IOException {
        Path file = write("three.jsonl", "{\"problem\": \"a\", \"answer\": 1}\n{\"problem\": \"b\", \"answer\": 2}\n"
                + "not json at all\n");
        assertEquals(List.of("a", "b"), ProblemSetLoader.load(file, 2).stream().map(Problem::problem).toList());
    }

    @Test
    void shouldNameFileAndLineOfABadLine() throws IOException {
        assertError("{\"problem\": \"a\", \"answer\": 1}\n{\"problem\": \"b\", \"answer\": \n", "bad.jsonl:2: not valid JSON");
        assertError("{\"problem\": \"a\"}\n", "bad.jsonl:1: no answer: expected one of the fields answer, final_answer");
        assertError("{\"text\": \"a\", \"answer\": 3}\n", "bad.jsonl:1: no problem: expected one of the fields problem, question");
        assertError("\n[1, 2]\n", "bad.jsonl:2: expected a JSON object, found ARRAY");
        assertError("{\"problem\": \"a\", \"final_answer\": []}\n", "bad.jsonl:1: field 'final_answer' is a list without");
        assertError("{\"problem\": \" \", \"answer\": 1}\n", "bad.jsonl:1: the problem text is empty");
        assertError("{\"id\": 7, \"problem\": \"a\", \"answer\": 1}\n{\"id\": 7, \"problem\": \"b\", \"answer\": 2}\n",
                "bad.jsonl:2: id '7' was already used on line 1");
    }

    private void assertError(String jsonl, String expected) throws IOException {
        Path file = write("bad.jsonl", jsonl);
        IOException e = assertThrows(IOException.class, () -> ProblemSetLoader.load(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void shouldReadTheTinyModelsEvalSet() throws IOException {
        List<Problem> problems = ProblemSetLoader.load(shippedEvalSet());
        assertEquals(603, problems.size());
        assertEquals("47", problems.get(0).gold());
        assertEquals("chain", problems.get(0).metadata().get("family"));
    }

    @Test
    void shouldReadTheStandardSetsWhenTheyArePresent() throws IOException {
        Path root = Path.of(System.getProperty("thinkmeter.datasets.dir", "../../shared/datasets"));
        assumeTrue(Files.isDirectory(root), "no standard data sets at " + root.toAbsolutePath()
                + " (set -Dthinkmeter.datasets.dir): skipped");
        Map<String, Integer> expected = Map.of("math500", 500, "aime24", 30, "amc23", 40, "amc22_23", 83,
                "olympiadbench", 675);
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            Path file = root.resolve(e.getKey()).resolve("test.jsonl");
            assumeTrue(Files.isRegularFile(file), "no " + file.toAbsolutePath() + ": skipped");
            List<Problem> problems = ProblemSetLoader.load(file);
            assertEquals(e.getValue(), problems.size(), file.toString());
            assertTrue(problems.stream().noneMatch(p -> p.gold().isBlank() || p.problem().isBlank()), file.toString());
        }
        assertEquals("025", ProblemSetLoader.load(root.resolve("aime24/test.jsonl")).stream()
                .filter(p -> p.gold().startsWith("0")).findFirst().orElseThrow().gold(), "leading zeros are kept");
        assertEquals("27.0", ProblemSetLoader.load(root.resolve("amc23/test.jsonl")).get(0).gold());
        Problem olympiad = ProblemSetLoader.load(root.resolve("olympiadbench/test.jsonl")).get(1);
        assertEquals("\\frac{1}{2 n+2}", olympiad.gold(), "the list's first element without its dollars");
        assertEquals("Combinatorics", ProblemSetLoader.load(root.resolve("olympiadbench/test.jsonl")).get(0)
                .metadata().get("subfield"));
    }

    /** The tiny model's own problem set, shipped in models/; skips when it is absent. */
    private static Path shippedEvalSet() {
        Path file = Path.of(System.getProperty("thinkmeter.models.dir", "../models"), "tiny-reasoner", "eval.jsonl");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(file), "no eval set at " + file.toAbsolutePath());
        return file;
    }
}
