package io.thinkmeter.engine.decoding;

/**
 * Token ids the interventions need, resolved once per model from reasoner.json through the tokenizer.
 *
 * @param thinkEnd the first token of the think-end delimiter (the one stop temperature acts on)
 * @param eos the end-of-sequence token
 * @param forcedAnswer what budget forcing injects at the thinking cap: think-end, the text after it,
 *     and the answer prefix ("</think>\nFinal Answer:")
 * @param thinkEndSequence the whole think-end delimiter (one token for most models)
 * @param waitTokens what minimum thinking injects in place of an early think-end ("Wait"); not named
 *     {@code wait}, which would clash with {@link Object#wait()}
 */
public record SpecialTokens(int thinkEnd, int eos, int[] forcedAnswer, int[] thinkEndSequence, int[] waitTokens) {}
