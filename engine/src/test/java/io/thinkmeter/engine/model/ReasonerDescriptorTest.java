package io.thinkmeter.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

class ReasonerDescriptorTest {

    private static final String VALID = """
            {"schema_version": 1, "name": "m", "model_file": "model.onnx", "tokenizer_file": "tokenizer.json",
             "prompt_template": "<s>{instruction}{problem}<think>\\n", "think_start": "<think>",
             "think_end": "</think>", "after_think_end": "\\n", "answer_prefix": "Final Answer:",
             "wait_text": "Wait", "eos_token": "</s>", "pad_token": "<pad>", "default_answer_reserve": 16,
             "max_context": 512, "kv_cache": {"layers": 4, "kv_heads": 4, "head_dim": 32},
             "levels": {"short": "Be brief. "}, "some_future_field": true}
            """;

    @TempDir
    Path dir;

    private ReasonerDescriptor read(String json) throws IOException {
        Path file = dir.resolve("reasoner.json");
        Files.writeString(file, json);
        return ReasonerDescriptor.read(file);
    }

    @Test
    void shouldBuildPromptsAndTheForcedAnswer() throws IOException {
        ReasonerDescriptor d = read(VALID);
        assertEquals("<s>Be brief. 2+2?<think>\n", d.prompt("2+2?", d.levels().get("short")));
        assertEquals("<s>2+2?<think>\n", d.prompt("2+2?", null));
        assertEquals("</think>\nFinal Answer:", d.forcedAnswerText());
        assertEquals(32, d.kvCache().headDim());
    }

    @Test
    void shouldListEveryProblemOfABadDescriptor() {
        String bad = VALID.replace("{problem}", "").replace("\"eos_token\": \"</s>\"", "\"eos_token\": \"\"")
                .replace("\"default_answer_reserve\": 16", "\"default_answer_reserve\": 0");
        IOException e = assertThrows(IOException.class, () -> read(bad));
        assertTrue(e.getMessage().contains("prompt_template must contain {problem}"), e.getMessage());
        assertTrue(e.getMessage().contains("eos_token is required"), e.getMessage());
        assertTrue(e.getMessage().contains("default_answer_reserve must be at least 1"), e.getMessage());
    }
}
