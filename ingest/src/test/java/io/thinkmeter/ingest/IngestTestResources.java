package io.thinkmeter.ingest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * A real Kafka broker and a real PostgreSQL 17 for the service under test, started once for every
 * test class (they all name this resource, so Quarkus starts the application once), with the schema
 * migrated and the topics created before the application starts.
 */
public class IngestTestResources implements QuarkusTestResourceLifecycleManager {

    static final String ADMIN_KEY = TestBackends.ADMIN_KEY;
    /** Small limits, so tests can go over them with small requests. */
    static final int MAX_BATCH_LINES = 50;
    static final int MAX_BUDGET = 4096;
    static final int MAX_PROBLEM_CHARS = 2000;
    static final int MAX_BODY_BYTES = 1024 * 1024;
    static final int MAX_FILE_BYTES = 2 * 1024 * 1024;
    static final int MAX_FILE_LINES = 40;
    /** Ten minutes: a test sees it used; the expiry test moves a batch's expires_at instead of waiting. */
    static final int COMPLETION_WINDOW_SECONDS = 600;
    /** The one tenant with its own default budget for chat completions (48). */
    static final String CHAT_DEFAULTS_TENANT = "chat-defaults";

    private TestBackends backends;

    @Override
    public Map<String, String> start() {
        backends = new TestBackends();
        Map<String, String> config = new HashMap<>(backends.start());
        config.put("thinkmeter.ingest.max-wait", "10s");
        config.put("thinkmeter.ingest.max-batch-lines", String.valueOf(MAX_BATCH_LINES));
        config.put("thinkmeter.ingest.max-budget", String.valueOf(MAX_BUDGET));
        config.put("thinkmeter.ingest.max-problem-chars", String.valueOf(MAX_PROBLEM_CHARS));
        config.put("thinkmeter.ingest.max-body-size", String.valueOf(MAX_BODY_BYTES));
        config.put("thinkmeter.ingest.openai.max-file-bytes", String.valueOf(MAX_FILE_BYTES));
        config.put("thinkmeter.ingest.openai.max-file-lines", String.valueOf(MAX_FILE_LINES));
        config.put("thinkmeter.ingest.openai.completion-window", COMPLETION_WINDOW_SECONDS + "s");
        config.put("thinkmeter.ingest.openai.tracker-interval", "200ms");
        // the repository's tiny models: GET /v1/models lists them, their chat templates check conversations
        config.put("thinkmeter.ingest.model-dir", OpenAiTestRules.MAIN_MODEL.toString());
        config.put("thinkmeter.ingest.tldr-model-dir", OpenAiTestRules.TLDR_MODEL.toString());
        config.put("thinkmeter.ingest.openai.tenant-default-budget." + CHAT_DEFAULTS_TENANT, "48");
        // no scheduler, workers or sink run in these tests: PipelineReadinessTest turns the check on
        config.put("thinkmeter.ingest.readiness.pipeline", "false");
        return config;
    }

    @Override
    public void stop() {
        if (backends != null) {
            backends.close();
        }
    }
}
