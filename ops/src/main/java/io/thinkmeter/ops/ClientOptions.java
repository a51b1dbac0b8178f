package io.thinkmeter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.platform.Stack;
import io.thinkmeter.testkit.CredentialsFile;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the client commands find the stack: options, else environment, else what `up` wrote. */
final class ClientOptions {

    static final Path STACK_FILE = Path.of(".thinkmeter", "stack.json");

    @Option(names = "--url", defaultValue = "${env:THINKMETER_URL}", description = "ingest URL (default: from `thinkmeter up`)")
    String url;

    @Option(names = "--api-key", defaultValue = "${env:THINKMETER_API_KEY}", description = "tenant API key (default: from `thinkmeter up`)")
    String apiKey;

    ThinkmeterClient client() throws IOException {
        String u = url();
        String k = apiKey;
        JsonNode stack = stackFile();
        if (k == null && stack != null) {
            k = stack.get("api_key").asText();
        }
        if (u == null || k == null) {
            throw new IOException("no stack to talk to: run `./thinkmeter up` first, or pass --url and --api-key");
        }
        return new ThinkmeterClient(u, k);
    }

    /** Ingest's URL: the option, else what `up` wrote; null when neither is there. */
    String url() throws IOException {
        if (url != null) {
            return url;
        }
        JsonNode stack = stackFile();
        return stack == null ? null : stack.get("url").asText();
    }

    /** The running `up`'s data directory, or null. */
    static Path dataDir() throws IOException {
        JsonNode stack = stackFile();
        return stack == null || !stack.hasNonNull("data_dir") ? null : Path.of(stack.get("data_dir").asText());
    }

    private static JsonNode stackFile() throws IOException {
        return Files.isRegularFile(STACK_FILE) ? new ObjectMapper().readTree(STACK_FILE.toFile()) : null;
    }

    /** What `up` tells the client commands; it holds keys, so only its owner may read it. */
    static void writeStackFile(Stack stack, String tenant, String apiKey, Path dataDir) throws IOException {
        ObjectNode info = new ObjectMapper().createObjectNode()
                .put("url", stack.url()).put("api_key", apiKey).put("tenant", tenant)
                .put("admin_key", stack.adminKey())
                .put("kafka", stack.platform().bootstrapServers()).put("jdbc", stack.platform().jdbcUrl())
                .put("data_dir", dataDir.toAbsolutePath().toString());
        CredentialsFile.writePrivately(STACK_FILE, info.toPrettyString());
    }
}
