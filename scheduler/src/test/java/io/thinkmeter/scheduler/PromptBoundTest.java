package io.thinkmeter.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.thinkmeter.contracts.ChatMessage;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

class PromptBoundTest {

    private static ProblemRequest problem(String text) {
        return new ProblemRequest(1, "r", null, "acme", null, null, text, 10, Method.TS, null, null, null, null, 0,
                null, null);
    }

    @Test
    void boundsAProblemByItsUtf8BytesAndTheAllowanceForOneMessage() {
        assertEquals(18 + 16 + 8, PromptBound.defaults().of(problem("Compute 478 + 356.")));
        String mixed = "é∑😀x";
        assertEquals(mixed.getBytes(StandardCharsets.UTF_8).length, PromptBound.utf8Bytes(mixed));
        assertEquals(10 + 1 + 2, new PromptBound(1, 2).of(problem(mixed)));
    }

    @Test
    void boundsAChatByEveryMessagesContentAndAnAllowancePerMessage() {
        ProblemRequest chat = new ProblemRequest(1, "r", null, "acme", null, null, "hi", 10, Method.TS, null, null,
                null, null, 0, null, null, List.of(new ChatMessage("system", "Be brief."), new ChatMessage("user", "hi")),
                null, null, null);

        assertEquals(9 + 2 + 16 + 2 * 8, PromptBound.defaults().of(chat));
    }

    @Test
    void refusesNegativeAllowances() {
        assertThrows(IllegalArgumentException.class, () -> new PromptBound(-1, 8));
    }
}
