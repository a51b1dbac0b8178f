package io.thinkmeter.ingest.openai;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The ids of OpenAI's objects here: {@code file-…} and {@code batch_…} with 32 hex digits, drawn at random
 * (creating a file or a batch is not idempotent in OpenAI's API either). A path id of another form cannot
 * be one, and is answered "not found" without asking PostgreSQL.
 */
final class OpenAiIds {

    private static final Pattern FILE = Pattern.compile("file-[0-9a-f]{32}");
    private static final Pattern BATCH = Pattern.compile("batch_[0-9a-f]{32}");
    private static final int SHOWN_CHARS = 80;

    private OpenAiIds() {}

    static String newFileId() {
        return "file-" + hex();
    }

    static String newBatchId() {
        return "batch_" + hex();
    }

    static boolean couldBeFile(String id) {
        return id != null && FILE.matcher(id).matches();
    }

    static boolean couldBeBatch(String id) {
        return id != null && BATCH.matcher(id).matches();
    }

    /** An id as an error repeats it: cut when long (the JSON writer escapes control characters). */
    static String shown(String id) {
        return id.length() <= SHOWN_CHARS ? id : id.substring(0, SHOWN_CHARS) + "... (" + id.length() + " characters)";
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
