package io.thinkmeter.ops.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

class ModelDirsTest {

    @Test
    void aTldrModelBesideTheMainOneIsFoundAndNoneOrAPathOverrideIt(@TempDir Path models) throws Exception {
        Path main = Files.createDirectories(models.resolve("my-reasoner"));
        assertNull(ModelDirs.choose(main, null).tldr(), "nothing beside it yet");

        Path beside = Files.createDirectories(models.resolve("my-reasoner-tldr"));
        assertNull(ModelDirs.choose(main, null).tldr(), "a directory without reasoner.json is not a model");
        Files.writeString(beside.resolve("reasoner.json"), "{}");
        assertEquals(beside.toAbsolutePath().normalize(), ModelDirs.choose(main, null).tldr());
        assertEquals(beside.toAbsolutePath().normalize(), ModelDirs.choose(models.resolve("my-reasoner/"), null).tldr());

        assertNull(ModelDirs.choose(main, "none").tldr());
        assertEquals(Path.of("elsewhere/tldr"), ModelDirs.choose(main, "elsewhere/tldr").tldr());
        assertEquals(main, ModelDirs.choose(main, "none").main());
    }
}
