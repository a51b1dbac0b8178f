package io.thinkmeter.engine.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The model's tokenizer.json through DJL's Hugging Face tokenizers binding, with int ids. */
public final class ReasonerTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;

    private ReasonerTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    public static ReasonerTokenizer load(Path tokenizerJson) throws IOException {
        // The prompt template writes its own special tokens, so the tokenizer must add none, and
        // nothing may be cut: budgets are enforced by the decoder, not by truncation.
        Map<String, String> options = Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");
        return new ReasonerTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, options));
    }

    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    /** The id of a string that the tokenizer keeps as one token, such as a special token. */
    public int singleToken(String text) {
        int[] ids = encode(text);
        if (ids.length != 1) {
            throw new IllegalArgumentException("'" + text + "' is " + ids.length + " tokens, expected exactly one");
        }
        return ids[0];
    }

    public String decode(int[] ids, boolean skipSpecialTokens) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longs[i] = ids[i];
        }
        return tokenizer.decode(longs, skipSpecialTokens);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
