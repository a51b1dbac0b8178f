package io.thinkmeter.ops.platform;

import io.thinkmeter.engine.ReasonerModel;
import io.thinkmeter.engine.runtime.RuntimeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model directories a worker serves: the main model, and the model for method tldr when there
 * is one. By convention a TLDR-trained model lives beside its SFT model with "-tldr" appended
 * ({@code models/tiny-reasoner} and {@code models/tiny-reasoner-tldr}).
 *
 * @param main serves none, budget-forcing and ts (and tldr when {@code tldr} is null)
 * @param tldr serves tldr; may be null
 */
public record ModelDirs(Path main, Path tldr) {

    public ModelDirs {
        if (main == null) {
            throw new IllegalArgumentException("a main model directory is required");
        }
    }

    /** The main model and, when a directory named MAIN-tldr with a reasoner.json is beside it, that one. */
    public static ModelDirs withTldrBeside(Path main) {
        Path normalized = main.toAbsolutePath().normalize();
        Path beside = normalized.resolveSibling(normalized.getFileName() + "-tldr");
        return new ModelDirs(main, Files.isRegularFile(beside.resolve("reasoner.json")) ? beside : null);
    }

    /**
     * What the --model and --tldr-model options name: an explicit TLDR directory, "none" for no TLDR
     * model, or (null) the one beside the main model when it exists.
     */
    public static ModelDirs choose(Path main, String tldrOption) {
        if (tldrOption == null) {
            return withTldrBeside(main);
        }
        return "none".equals(tldrOption) ? only(main) : new ModelDirs(main, Path.of(tldrOption));
    }

    public static ModelDirs only(Path main) {
        return new ModelDirs(main, null);
    }

    public ReasonerModel openMain(RuntimeOptions options) throws IOException {
        return ReasonerModel.open(main, options);
    }

    /** The TLDR model, or null when there is none. */
    public ReasonerModel openTldr(RuntimeOptions options) throws IOException {
        return tldr == null ? null : ReasonerModel.open(tldr, options);
    }
}
