package io.thinkmeter.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.StopReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class ResultsWriterTest {

    @Test
    void shouldWriteTheLinesTheResultsFileHasAlwaysHad(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/results.jsonl");
        ResultsWriter.write(file, List.of(
                new Outcome("p1", "r1", "7", "7", true, Method.TLDR, Level.SHORT, 96, null, 16, 10, 30, 5, 0, 35,
                        StopReason.NATURAL, null),
                new Outcome("p2", null, "7", null, false, Method.TS, null, 48, 2.0, null, 0, 0, 0, 0, 0,
                        StopReason.ERROR, "prompt too long"),
                new Outcome("p3", null, "7", "7", true, Method.NONE, null, 48, null, 16, 10, 30, 5, 0, 35,
                        StopReason.NATURAL, null, "last \\boxed", List.of("exact numbers"))));

        assertEquals(List.of(
                "{\"problem_id\":\"p1\",\"request_id\":\"r1\",\"gold\":\"7\",\"final_answer\":\"7\",\"correct\":true,"
                        + "\"method\":\"tldr\",\"level\":\"short\",\"budget\":96,\"stop_temperature\":null,"
                        + "\"answer_reserve\":16,\"prompt_tokens\":10,\"thinking_tokens\":30,\"answer_tokens\":5,"
                        + "\"injected_tokens\":0,\"generated_tokens\":35,\"stop_reason\":\"natural\",\"error\":null}",
                "{\"problem_id\":\"p2\",\"gold\":\"7\",\"final_answer\":null,\"correct\":false,\"method\":\"ts\","
                        + "\"level\":null,\"budget\":48,\"stop_temperature\":2.0,\"answer_reserve\":null,"
                        + "\"prompt_tokens\":0,\"thinking_tokens\":0,\"answer_tokens\":0,\"injected_tokens\":0,"
                        + "\"generated_tokens\":0,\"stop_reason\":\"error\",\"error\":\"prompt too long\"}",
                // the grader's rules, where it named them, after the fields the file has always had
                "{\"problem_id\":\"p3\",\"gold\":\"7\",\"final_answer\":\"7\",\"correct\":true,\"method\":\"none\","
                        + "\"level\":null,\"budget\":48,\"stop_temperature\":null,\"answer_reserve\":16,"
                        + "\"prompt_tokens\":10,\"thinking_tokens\":30,\"answer_tokens\":5,\"injected_tokens\":0,"
                        + "\"generated_tokens\":35,\"stop_reason\":\"natural\",\"error\":null,"
                        + "\"extraction\":\"last \\\\boxed\",\"grader_rules\":[\"exact numbers\"]}"),
                Files.readAllLines(file));
    }
}
