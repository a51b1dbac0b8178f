package io.thinkmeter.chat;

import io.thinkmeter.contracts.ChatMessage;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatTemplateTest {

    private static final Path MODELS = Path.of(System.getProperty("thinkmeter.models.dir", "../models"));
    private static final ChatModel MAIN = ChatModel.read(MODELS.resolve("tiny-reasoner"));
    private static final ChatModel TLDR = ChatModel.read(MODELS.resolve("tiny-reasoner-tldr"));

    @Test
    void oneProblemRendersExactlyAsTheModelWasTrained() {
        // the lab's prompt_template, "<s><|user|>{instruction}{problem}<|assistant|><think>\n"
        assertEquals("<s><|user|>Compute 2 + 3.<|assistant|><think>\n", MAIN.template().render("Compute 2 + 3.", null));
        assertEquals("<s><|user|>Answer briefly. Compute 2 + 3.<|assistant|><think>\n",
                TLDR.template().render("Compute 2 + 3.", TLDR.levels().get("short")));
        assertEquals("<s><|user|>Compute 2 + 3.<|assistant|><think>\n", TLDR.template().render("Compute 2 + 3.", ""));
    }

    @Test
    void earlierTurnsAreRenderedAndOnlyTheLastUserMessageGetsTheLevel() {
        List<ChatMessage> conversation = List.of(new ChatMessage("user", "Compute 2 + 3."),
                new ChatMessage("assistant", "5"), new ChatMessage("user", "Now double it."));
        assertEquals("<s><|user|>Compute 2 + 3.<|assistant|>5</s><|user|>Answer briefly. Now double it."
                + "<|assistant|><think>\n", TLDR.template().render(conversation, "Answer briefly. "));
    }

    @Test
    void textThatLooksLikeJinjaOrMarkupStaysText() {
        String tricky = "{{ 7 * 6 }} {% if true %}x{% endif %} <b>&amp;</b> 'quoted' \"double\"";
        assertEquals("<s><|user|>" + tricky + "<|assistant|><think>\n", MAIN.template().render(tricky, null));
    }

    @Test
    void aConversationTheTemplateCannotExpressIsRefusedInItsOwnWords() {
        ChatTemplateException system = assertThrows(ChatTemplateException.class, () -> MAIN.template().render(
                List.of(new ChatMessage("system", "Be brief."), new ChatMessage("user", "Compute 2 + 3.")), null));
        assertEquals("tiny-reasoner takes no system message: its chat template has user and assistant turns only",
                system.getMessage());
        ChatTemplateException lastIsAssistant = assertThrows(ChatTemplateException.class, () -> MAIN.template()
                .render(List.of(new ChatMessage("user", "Hi"), new ChatMessage("assistant", "Hello")), null));
        assertTrue(lastIsAssistant.getMessage().contains("last message to be the user's"), lastIsAssistant.getMessage());
        ChatTemplateException twoUsers = assertThrows(ChatTemplateException.class, () -> MAIN.template()
                .render(List.of(new ChatMessage("user", "a"), new ChatMessage("user", "b")), null));
        assertTrue(twoUsers.getMessage().contains("message 1 is user"), twoUsers.getMessage());
    }

    /**
     * The model lab's think tags (a level's own token in the place of {@code <think>}): the newline after it is
     * inside the if's branches, since trim_blocks drops a newline right after a block tag.
     */
    @Test
    void aLevelTokenInThePlaceOfThinkKeepsTheNewlineAfterIt() {
        ChatTemplate think = new ChatTemplate("{{ bos_token }}{% for message in messages %}<|user|>{{ message['content'] }}"
                + "{% endfor %}{% if add_generation_prompt %}<|assistant|>{% if level_instruction %}{{ level_instruction }}\n"
                + "{% else %}<think>\n{% endif %}{% endif %}", "<s>", "</s>");
        assertEquals("<s><|user|>Compute 2 + 3.<|assistant|>\u0001\n", think.render("Compute 2 + 3.", "\u0001"));
        assertEquals("<s><|user|>Compute 2 + 3.<|assistant|><think>\n", think.render("Compute 2 + 3.", null));
        ChatTemplate dropped = new ChatTemplate("<|assistant|>{% if level_instruction %}{{ level_instruction }}"
                + "{% endif %}\n", "<s>", "</s>");
        assertEquals("<|assistant|>\u0001", dropped.render("x", "\u0001"), "why the newline sits inside the branches");
    }

    @Test
    void aBrokenTemplateSaysSo() {
        ChatTemplateException e = assertThrows(ChatTemplateException.class,
                () -> new ChatTemplate("{% for m in messages %}", "<s>", "</s>").render("x", null));
        assertTrue(e.getMessage().startsWith("the model's chat template failed"), e.getMessage());
    }

    @Test
    void theModelsNameAndLevelsComeFromItsDescriptor() {
        assertEquals("tiny-reasoner", MAIN.name());
        assertTrue(!MAIN.hasLevels());
        assertEquals(List.of("long", "medium", "short"), TLDR.levels().keySet().stream().sorted().toList());
    }
}
