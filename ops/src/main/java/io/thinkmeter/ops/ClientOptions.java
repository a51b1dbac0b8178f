package io.thinkmeter.ops;

import io.thinkmeter.contracts.Json;
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

    /**
     * What `up` tells the client commands, in {@code .thinkmeter/stack.json}.
     *
     * @param kafka the broker's bootstrap servers
     * @param jdbc the platform database's JDBC URL
     */
    record StackFile(String url, String apiKey, String tenant, String adminKey, String kafka, String jdbc,
                     String dataDir) {}

    ThinkmeterClient client() throws IOException {
        String u = url();
        String k = apiKey;
        StackFile stack = stackFile();
        if (k == null && stack != null) {
            k = stack.apiKey();
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
        StackFile stack = stackFile();
        return stack == null ? null : stack.url();
    }

    /** The running `up`'s data directory, or null. */
    static Path dataDir() throws IOException {
        StackFile stack = stackFile();
        return stack == null || stack.dataDir() == null ? null : Path.of(stack.dataDir());
    }

    private static StackFile stackFile() throws IOException {
        return Files.isRegularFile(STACK_FILE) ? Json.forServices().readValue(STACK_FILE.toFile(), StackFile.class) : null;
    }

    /** What `up` tells the client commands; it holds keys, so only its owner may read it. */
    static void writeStackFile(Stack stack, String tenant, String apiKey, Path dataDir) throws IOException {
        StackFile info = new StackFile(stack.url(), apiKey, tenant, stack.adminKey(), stack.platform().bootstrapServers(),
                stack.platform().jdbcUrl(), dataDir.toAbsolutePath().toString());
        CredentialsFile.writePrivately(STACK_FILE, Json.forFiles().writeValueAsString(info));
    }
}
