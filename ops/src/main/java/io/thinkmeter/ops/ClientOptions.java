package io.thinkmeter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thinkmeter.ops.client.ThinkmeterClient;
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
        String u = url;
        String k = apiKey;
        if ((u == null || k == null) && Files.isRegularFile(STACK_FILE)) {
            JsonNode stack = new ObjectMapper().readTree(STACK_FILE.toFile());
            u = u != null ? u : stack.get("url").asText();
            k = k != null ? k : stack.get("api_key").asText();
        }
        if (u == null || k == null) {
            throw new IOException("no stack to talk to: run `./thinkmeter up` first, or pass --url and --api-key");
        }
        return new ThinkmeterClient(u, k);
    }
}
