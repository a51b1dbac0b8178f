package io.thinkmeter.engine;

import io.thinkmeter.engine.model.PromptEncoder;
import io.thinkmeter.engine.model.ReasonerDescriptor;
import io.thinkmeter.engine.model.ReasonerTokenizer;
import io.thinkmeter.engine.decoding.SpecialTokens;
import io.thinkmeter.engine.runtime.DecoderRuntime;
import io.thinkmeter.engine.runtime.RuntimeOptions;
import io.thinkmeter.engine.runtime.RuntimeRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A model directory opened for decoding: its descriptor, its tokenizer and a runtime running it. */
public final class ReasonerModel implements AutoCloseable {

    private final Path directory;
    private final ReasonerDescriptor descriptor;
    private final ReasonerTokenizer tokenizer;
    private final DecoderRuntime runtime;
    private final SpecialTokens specialTokens;

    private ReasonerModel(Path directory, ReasonerDescriptor descriptor, ReasonerTokenizer tokenizer,
                          DecoderRuntime runtime) {
        this.directory = directory;
        this.descriptor = descriptor;
        this.tokenizer = tokenizer;
        this.runtime = runtime;
        int[] thinkEnd = tokenizer.encode(descriptor.thinkEnd());
        this.specialTokens = new SpecialTokens(thinkEnd[0], tokenizer.singleToken(descriptor.eosToken()),
                tokenizer.encode(descriptor.forcedAnswerText()), thinkEnd,
                tokenizer.encode(descriptor.waitText() == null ? "Wait" : descriptor.waitText()));
    }

    public static ReasonerModel open(Path directory, RuntimeOptions options) throws IOException {
        Path descriptorFile = directory.resolve("reasoner.json");
        if (!Files.isRegularFile(descriptorFile)) {
            throw new IOException("no reasoner.json in " + directory.toAbsolutePath()
                    + ": a model directory holds reasoner.json, the ONNX model and tokenizer.json");
        }
        ReasonerDescriptor descriptor = ReasonerDescriptor.read(descriptorFile);
        ReasonerTokenizer tokenizer = ReasonerTokenizer.load(directory.resolve(descriptor.tokenizerFile()));
        try {
            DecoderRuntime runtime = RuntimeRegistry.discover().select(options.runtime())
                    .load(directory, descriptor, options);
            return new ReasonerModel(directory, descriptor, tokenizer, runtime);
        } catch (IOException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    public Path directory() {
        return directory;
    }

    public ReasonerDescriptor descriptor() {
        return descriptor;
    }

    public ReasonerTokenizer tokenizer() {
        return tokenizer;
    }

    /** How this model's prompts are built and tokenized, as decoding builds them. */
    public PromptEncoder prompts() {
        return new PromptEncoder(descriptor, tokenizer);
    }

    public DecoderRuntime runtime() {
        return runtime;
    }

    public SpecialTokens specialTokens() {
        return specialTokens;
    }

    @Override
    public void close() {
        runtime.close();
        tokenizer.close();
    }
}
