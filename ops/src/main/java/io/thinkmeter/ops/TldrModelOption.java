package io.thinkmeter.ops;

import io.thinkmeter.ops.platform.ModelDirs;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --tldr-model}: which model serves method tldr, for every command that runs models. */
final class TldrModelOption {

    @Option(names = "--tldr-model",
            description = "model directory for method tldr (default: MODEL-tldr when it exists; 'none': the main model)")
    String tldrModel;

    ModelDirs besides(Path main) {
        return ModelDirs.choose(main, tldrModel);
    }
}
