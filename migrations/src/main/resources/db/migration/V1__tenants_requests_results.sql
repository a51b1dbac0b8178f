-- Tenants, their API keys, and the requests and results that flow through the Kafka topics.
--
-- Only api_keys has a foreign key. requests, batches and results are written by consumers of
-- different topics, which arrive in any order (a result may be stored before its request, a
-- rejection before its submission); a foreign key there would make storage refuse, and so lose,
-- a record the platform already accepted. Results therefore carry their own tenant and batch.

CREATE TABLE tenants (
    id                text        PRIMARY KEY,
    name              text        NOT NULL,
    -- null: no daily limit
    daily_token_quota bigint      CHECK (daily_token_quota >= 0),
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
    id         text        PRIMARY KEY,
    tenant_id  text        NOT NULL REFERENCES tenants (id),
    -- SHA-256 of the key, lower-case hex; the key itself is shown once and never stored
    key_hash   text        NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    label      text,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE batches (
    id            text        PRIMARY KEY,
    tenant_id     text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    input_format  text        NOT NULL,
    request_count integer     NOT NULL CHECK (request_count >= 0)
);

CREATE INDEX batches_tenant ON batches (tenant_id, created_at);

CREATE TABLE requests (
    id               text             PRIMARY KEY,
    tenant_id        text             NOT NULL,
    batch_id         text,
    sequence         integer,
    client_id        text,
    problem          text             NOT NULL,
    budget           integer          NOT NULL CHECK (budget > 0),
    method           text             NOT NULL,
    level            text,
    stop_temperature double precision,
    answer_reserve   integer,
    sampling         jsonb,
    priority         integer          NOT NULL DEFAULT 0,
    pool             text             CHECK (pool IN ('short', 'medium', 'long')),
    state            text             NOT NULL DEFAULT 'submitted'
                                      CHECK (state IN ('submitted', 'rejected', 'done', 'error')),
    reject_reason    text,
    submitted_at     timestamptz      NOT NULL,
    CHECK ((state = 'rejected') = (reject_reason IS NOT NULL))
);

CREATE INDEX requests_tenant ON requests (tenant_id, submitted_at);
CREATE INDEX requests_batch ON requests (batch_id, sequence) WHERE batch_id IS NOT NULL;

CREATE TABLE results (
    request_id       text             PRIMARY KEY,
    tenant_id        text             NOT NULL,
    batch_id         text,
    sequence         integer,
    client_id        text,
    final_answer     text,
    thinking         text,
    answer           text,
    prompt_tokens    integer          NOT NULL CHECK (prompt_tokens >= 0),
    thinking_tokens  integer          NOT NULL CHECK (thinking_tokens >= 0),
    answer_tokens    integer          NOT NULL CHECK (answer_tokens >= 0),
    injected_tokens  integer          NOT NULL CHECK (injected_tokens >= 0),
    generated_tokens integer          NOT NULL CHECK (generated_tokens >= 0),
    budget           integer          NOT NULL,
    stop_reason      text             NOT NULL,
    model            text,
    method           text,
    level            text,
    stop_temperature double precision,
    pool             text             CHECK (pool IN ('short', 'medium', 'long')),
    worker           text,
    submitted_at     timestamptz,
    started_at       timestamptz,
    finished_at      timestamptz,
    queued_ms        bigint,
    decode_ms        bigint,
    error            text,
    -- filled later by evaluation against the reference answers; null until then
    correct          boolean,
    stored_at        timestamptz      NOT NULL DEFAULT now()
);

CREATE INDEX results_tenant ON results (tenant_id, finished_at);
CREATE INDEX results_batch ON results (batch_id, sequence) WHERE batch_id IS NOT NULL;
