package io.thinkmeter.ops;

import io.thinkmeter.ops.platform.ModelDirs;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --tldr-model}: which model serves method tldr, for every command that runs models. Only eval compares
 * several ({@code NAME=DIR}, repeated); every other command, like a worker, serves one.
 */
final class TldrModelOption {

    /** A TLDR model as named on the command line; {@code name} null: its reasoner.json's name. */
    record Named(String name, String dir) {}

    @Option(names = "--tldr-model",
            description = "model directory for method tldr (default: MODEL-tldr when it exists; 'none': the main model); "
                    + "eval: NAME=DIR too, repeatable, every tldr combination on each")
    List<String> tldrModels = new ArrayList<>();

    /** @throws IllegalArgumentException when several are named: only eval compares TLDR models */
    ModelDirs besides(Path main) {
        if (tldrModels.size() > 1) {
            throw new IllegalArgumentException("--tldr-model names one model here, was " + tldrModels);
        }
        return ModelDirs.choose(main, tldrModels.isEmpty() ? null : named().get(0).dir());
    }

    /** The models named, in order; empty when none was (then the default of {@link #besides}). */
    List<Named> named() {
        List<Named> out = new ArrayList<>();
        for (String spec : tldrModels) {
            int eq = spec.indexOf('=');
            // NAME=DIR; a name has no path separator, so a directory with '=' in a path segment stays a directory
            boolean isNamed = eq > 0 && spec.substring(0, eq).indexOf('/') < 0;
            out.add(isNamed ? new Named(spec.substring(0, eq).strip(), spec.substring(eq + 1)) : new Named(null, spec));
        }
        return out;
    }
}
