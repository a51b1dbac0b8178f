-- The token ledger: one row per stored result, never changed afterwards, so that what a tenant
-- was charged can always be traced to the result that spent it.

CREATE TABLE token_ledger (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id       text        NOT NULL UNIQUE,
    tenant_id        text        NOT NULL,
    batch_id         text,
    pool             text,
    method           text,
    -- UTC date of the result's finished_at (of stored_at when the worker sent no finish time)
    day              date        NOT NULL,
    prompt_tokens    integer     NOT NULL CHECK (prompt_tokens >= 0),
    thinking_tokens  integer     NOT NULL CHECK (thinking_tokens >= 0),
    answer_tokens    integer     NOT NULL CHECK (answer_tokens >= 0),
    injected_tokens  integer     NOT NULL CHECK (injected_tokens >= 0),
    generated_tokens integer     NOT NULL CHECK (generated_tokens >= 0),
    recorded_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX token_ledger_tenant_day ON token_ledger (tenant_id, day);

-- Append-only. A trigger, not only missing grants, because the application's own role owns the
-- table and owners bypass grants. A superuser can still disable triggers: this guards against
-- mistakes in the platform, not against the database administrator.
CREATE FUNCTION token_ledger_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'token_ledger is append-only: % refused', TG_OP
        USING HINT = 'each row records tokens already spent; rows are never edited or removed';
END;
$$;

CREATE TRIGGER token_ledger_no_update_or_delete
    BEFORE UPDATE OR DELETE ON token_ledger
    FOR EACH ROW EXECUTE FUNCTION token_ledger_refuse_change();

CREATE TRIGGER token_ledger_no_truncate
    BEFORE TRUNCATE ON token_ledger
    FOR EACH STATEMENT EXECUTE FUNCTION token_ledger_refuse_change();
