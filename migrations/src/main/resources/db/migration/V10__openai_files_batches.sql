-- OpenAI's Files and Batches APIs (ingest's /v1/files and /v1/batches): a tenant's files, their content, and
-- the OpenAI batches run from them. A batch's requests are ordinary requests of an ordinary `batches` row (the
-- internal batch, published through Kafka like any other); the rows here only remember what OpenAI's API
-- shows: the status and its timestamps, the file ids, and which API key created the batch.

CREATE TABLE openai_files (
    id         text        PRIMARY KEY,
    tenant_id  text        NOT NULL,
    filename   text        NOT NULL,
    -- batch: uploaded as a batch's input; batch_output: a batch's output or error file, written by the platform
    purpose    text        NOT NULL CHECK (purpose IN ('batch', 'batch_output')),
    bytes      bigint      NOT NULL CHECK (bytes >= 0),
    line_count integer     NOT NULL CHECK (line_count >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    -- DELETE /v1/files/{id}: the row stays (a batch names its files), the content goes
    deleted_at timestamptz
);

CREATE INDEX openai_files_tenant ON openai_files (tenant_id, created_at, id);

-- A file's bytes, exactly as uploaded, in chunks of up to 1 MiB in order: streamed in and out, never
-- held whole in memory. The key is deferred so a file's chunks can be written before its row, whose
-- size and line count are known only once the last chunk is.
CREATE TABLE openai_file_chunks (
    file_id text    NOT NULL REFERENCES openai_files (id) DEFERRABLE INITIALLY DEFERRED,
    chunk   integer NOT NULL CHECK (chunk >= 0),
    data    bytea   NOT NULL,
    PRIMARY KEY (file_id, chunk)
);

CREATE TABLE openai_batches (
    id                text        PRIMARY KEY,
    tenant_id         text        NOT NULL,
    -- the key that created it: the batch's spend is that key's
    api_key_id        text        NOT NULL REFERENCES api_keys (id),
    input_file_id     text        NOT NULL REFERENCES openai_files (id),
    endpoint          text        NOT NULL,
    completion_window text        NOT NULL,
    metadata          jsonb,
    -- expiring: the window ran out and the unstarted requests are being skipped (shown as in_progress)
    status            text        NOT NULL CHECK (status IN ('validating', 'failed', 'in_progress', 'finalizing',
                                      'completed', 'expiring', 'expired', 'cancelling', 'cancelled')),
    -- the internal batch (batches.id, requests.batch_id) its lines were published as; null until then
    batch_id          text,
    -- per input line in order: the sequence of its first request (a line with n > 1 is n requests) and its custom_id
    line_starts       integer[],
    custom_ids        text[],
    request_count     integer     CHECK (request_count >= 0),
    -- {"object": "list", "data": [{code, line, message, param}]} when the input file failed validation
    errors            jsonb,
    output_file_id    text        REFERENCES openai_files (id),
    error_file_id     text        REFERENCES openai_files (id),
    -- set when the batch ends (per input line); while it runs they are counted from the results
    completed_lines   integer,
    failed_lines      integer,
    created_at        timestamptz NOT NULL DEFAULT now(),
    expires_at        timestamptz NOT NULL,
    in_progress_at    timestamptz,
    finalizing_at     timestamptz,
    completed_at      timestamptz,
    failed_at         timestamptz,
    expired_at        timestamptz,
    cancelling_at     timestamptz,
    cancelled_at      timestamptz
);

CREATE INDEX openai_batches_tenant ON openai_batches (tenant_id, created_at, id);
-- what ingest's tracker looks at: the batches not yet ended
CREATE INDEX openai_batches_open ON openai_batches (status)
    WHERE status IN ('validating', 'in_progress', 'finalizing', 'expiring', 'cancelling');

GRANT SELECT, INSERT, UPDATE (deleted_at) ON openai_files TO thinkmeter_service;
-- deleting a file deletes its content: the one DELETE the services have, on the tenant's own uploads, never on
-- what is charged (requests, results, the ledger)
GRANT SELECT, INSERT, DELETE ON openai_file_chunks TO thinkmeter_service;
GRANT SELECT, INSERT, UPDATE (status, batch_id, line_starts, custom_ids, request_count, errors, output_file_id,
    error_file_id, completed_lines, failed_lines, in_progress_at, finalizing_at, completed_at, failed_at, expired_at,
    cancelling_at, cancelled_at) ON openai_batches TO thinkmeter_service;
