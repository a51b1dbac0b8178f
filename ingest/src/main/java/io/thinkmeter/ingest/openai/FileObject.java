package io.thinkmeter.ingest.openai;

import io.thinkmeter.storage.OpenAiFiles;

/**
 * OpenAI's file object. Every stored file is {@code processed}: it is whole in PostgreSQL once the upload
 * is answered. {@code purpose} is {@code batch} (uploaded) or {@code batch_output} (a batch's output or
 * error file).
 */
public record FileObject(String id, String object, long bytes, long createdAt, String filename, String purpose,
                         String status, Long expiresAt, String statusDetails) {

    static final String OBJECT = "file";
    static final String PROCESSED = "processed";

    static FileObject of(OpenAiFiles.StoredFile f) {
        return new FileObject(f.id(), OBJECT, f.bytes(), f.createdAt().getEpochSecond(), f.filename(), f.purpose(),
                PROCESSED, null, null);
    }

    /** The answer to {@code DELETE /v1/files/{id}}. */
    public record Deleted(String id, String object, boolean deleted) {

        static Deleted of(String id) {
            return new Deleted(id, OBJECT, true);
        }
    }
}
