package io.thinkmeter.ops;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code thinkmeter usage} against a stand-in for ingest's {@code GET /v1/usage} (the endpoint itself is tested
 * in ingest): what it asks, with which key, and how it prints the reply, as a table or as the JSON.
 */
class UsageCommandTest {

    private static final String PAGE = """
            {"object":"page","has_more":false,"next_page":null,"data":[
             {"object":"bucket","start_time":1777593600,"end_time":1777680000,
              "start_time_iso":"2026-05-01T00:00:00Z","end_time_iso":"2026-05-02T00:00:00Z","results":[
               {"object":"thinkmeter.usage.result","model":"tiny-reasoner","currency":"USD","requests":2,
                "prompt_tokens":40,"thinking_tokens":60,"answer_tokens":15,"injected_tokens":0,"generated_tokens":75,
                "cost":"0.000034"},
               {"object":"thinkmeter.usage.result","model":"unpriced-model","currency":null,"requests":1,
                "prompt_tokens":7,"thinking_tokens":3,"answer_tokens":1,"injected_tokens":0,"generated_tokens":4,
                "cost":null}]},
             {"object":"bucket","start_time":1777680000,"end_time":1777766400,
              "start_time_iso":"2026-05-02T00:00:00Z","end_time_iso":"2026-05-03T00:00:00Z","results":[
               {"object":"thinkmeter.usage.result","model":"tiny-reasoner","currency":"USD","requests":1,
                "prompt_tokens":1000,"thinking_tokens":100,"answer_tokens":0,"injected_tokens":0,"generated_tokens":100,
                "cost":"0.00014"}]}]}""";

    private record Asked(String query, String authorization, String adminKey) {}

    private record Run(int exitCode, String out, String err) {}

    private HttpServer server;
    private final List<Asked> asked = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String reply = PAGE;

    @BeforeEach
    void ingest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/usage", exchange -> {
            asked.add(new Asked(exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("X-Admin-Key")));
            byte[] body = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream before = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = ThinkmeterCli.commandLine();
            cli.setErr(new PrintWriter(err));
            int rc = cli.execute(args);
            return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(before);
        }
    }

    @Test
    void shouldPrintATableOfTheResultRowsWithTotalsPerCurrency() {
        Run run = run("usage", "--url", url(), "--api-key", "tm_key", "--start", "2026-05-01", "--end", "2026-05-03",
                "--group-by", "model");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(new Asked("start=2026-05-01&end=2026-05-03&group_by=model", "Bearer tm_key", null)),
                asked);
        List<String> lines = run.out().lines().toList();
        assertEquals(6, lines.size(), run.out());
        assertEquals(List.of("bucket", "model", "requests", "prompt", "thinking", "answer", "injected", "generated",
                "cost", "currency"), List.of(lines.get(0).split("\\s+")));
        assertEquals(List.of("2026-05-01T00:00:00Z", "tiny-reasoner", "2", "40", "60", "15", "0", "75", "0.000034",
                "USD"), List.of(lines.get(1).split("\\s+")));
        assertEquals(List.of("2026-05-01T00:00:00Z", "unpriced-model", "1", "7", "3", "1", "0", "4", "-", "-"),
                List.of(lines.get(2).split("\\s+")));
        assertEquals(List.of("total", "3", "1040", "160", "15", "0", "175", "0.000174", "USD"),
                List.of(lines.get(4).trim().split("\\s+")));
        assertEquals(List.of("total", "1", "7", "3", "1", "0", "4", "-", "-"), List.of(lines.get(5).trim().split("\\s+")));
    }

    @Test
    void shouldPrintTheApisJsonAsTheOperator() {
        Run run = run("usage", "--url", url(), "--admin-key", "s3cret", "--start", "1777593600", "--bucket", "1h",
                "--group-by", "tenant,api_key", "--tenant", "acme", "--json");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(PAGE, run.out().strip());
        assertEquals(List.of(new Asked("start=1777593600&bucket=1h&group_by=tenant%2Capi_key&tenant=acme", null,
                "s3cret")), asked);
    }

    @Test
    void shouldReportARefusedQueryAsBadUsageInOneLine() {
        status = 400;
        reply = "{\"error\":\"invalid usage query\",\"problems\":[\"query parameter bucket must be 1h or 1d, was '1w'\"]}";
        Run run = run("usage", "--url", url(), "--api-key", "tm_key", "--start", "2026-05-01", "--bucket", "1w");

        assertEquals(2, run.exitCode());
        assertEquals("thinkmeter usage: invalid usage query: --bucket must be 1h or 1d, was '1w' "
                + "(see 'thinkmeter usage --help')", run.err().strip());
    }

    @Test
    void shouldReportAWrongKeyOrAMissingServerAsAFailedRunInOneLine() {
        status = 401;
        reply = "{\"error\":\"not authorised\",\"problems\":[\"the API key is unknown or revoked\"]}";
        Run wrongKey = run("usage", "--url", url(), "--api-key", "tm_wrong", "--start", "2026-05-01");
        assertEquals(1, wrongKey.exitCode());
        assertEquals("thinkmeter usage: not authorised: the API key is unknown or revoked", wrongKey.err().strip());

        server.stop(0);
        Run away = run("usage", "--url", url(), "--api-key", "tm_key", "--start", "2026-05-01");
        assertEquals(1, away.exitCode());
        assertTrue(away.err().strip().startsWith("thinkmeter usage: ingest at " + url() + " does not answer"),
                away.err());
        assertEquals(1, away.err().strip().lines().count());
    }

    @Test
    void shouldWantAStart() {
        Run run = run("usage", "--url", url(), "--api-key", "tm_key");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("thinkmeter usage: Missing required option: '--start=<start>'"), run.err());
        assertEquals(List.of(), asked);
    }
}
