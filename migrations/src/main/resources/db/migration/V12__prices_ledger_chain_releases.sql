-- Spend you can control and prove: what a model's tokens cost, what each ledger row cost and under which
-- API key and budget window it was charged, a per-tenant hash chain over the ledger, and the reservations
-- given back without a result.

-- Prices per model, in a currency per million tokens, from a day on (UTC). Prices are history: a ledger row
-- records the price it was charged at, so a row here is never updated or deleted; a new price is a new row
-- with a later valid_from. The price of a day is the row with the latest valid_from on or before it.
CREATE TABLE model_prices (
    model              text        NOT NULL CHECK (model <> ''),
    valid_from         date        NOT NULL,
    input_per_million  numeric     NOT NULL CHECK (input_per_million >= 0),
    output_per_million numeric     NOT NULL CHECK (output_per_million >= 0),
    currency           text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    created_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model, valid_from)
);

-- ILLUSTRATIVE prices for the models the platform ships, so a fresh installation shows costs: they are
-- not what running these models costs anyone. An operator adds real ones with a later valid_from (storage's
-- Prices.put).
INSERT INTO model_prices (model, valid_from, input_per_million, output_per_million, currency)
VALUES ('tiny-reasoner', DATE '2025-01-01', 0.10, 0.40, 'USD'),
       ('tiny-reasoner-tldr', DATE '2025-01-01', 0.05, 0.20, 'USD');

-- The ledger row of every result stored from now on. Rows recorded before this migration keep nulls in
-- all of these (the ledger is append-only: no backfill) and stand outside the chain.
--   api_key_id       the API key the request was charged to (its id, never the secret); null for a
--                    problem produced straight to Kafka
--   budget_day       the UTC date of the request's submitted_at: the budget window it was charged to,
--                    whenever it finished (of finished_at, else stored_at, when the result has none)
--   spent_at         finished_at, else stored_at
--   price_*, currency, cost
--                    the model's price on budget_day and the exact cost,
--                    prompt_tokens * input / 1e6 + generated_tokens * output / 1e6; all null when the model
--                    had no price that day (the row is "unpriced")
--   chain_seq, prev_hash, row_hash
--                    the tenant's hash chain: 1, 2, 3... per tenant; row_hash = SHA-256 of prev_hash and the
--                    row's content (storage's LedgerChain, documented in storage/README.md)
ALTER TABLE token_ledger ADD COLUMN api_key_id text;
ALTER TABLE token_ledger ADD COLUMN budget_day date;
ALTER TABLE token_ledger ADD COLUMN spent_at timestamptz;
ALTER TABLE token_ledger ADD COLUMN price_valid_from date;
ALTER TABLE token_ledger ADD COLUMN input_price_per_million numeric CHECK (input_price_per_million >= 0);
ALTER TABLE token_ledger ADD COLUMN output_price_per_million numeric CHECK (output_price_per_million >= 0);
ALTER TABLE token_ledger ADD COLUMN currency text CHECK (currency ~ '^[A-Z]{3}$');
ALTER TABLE token_ledger ADD COLUMN cost numeric CHECK (cost >= 0);
ALTER TABLE token_ledger ADD COLUMN chain_seq bigint CHECK (chain_seq > 0);
ALTER TABLE token_ledger ADD COLUMN prev_hash text CHECK (prev_hash ~ '^[0-9a-f]{64}$');
ALTER TABLE token_ledger ADD COLUMN row_hash text CHECK (row_hash ~ '^[0-9a-f]{64}$');
ALTER TABLE token_ledger ADD CONSTRAINT token_ledger_chained_whole
    CHECK ((chain_seq IS NULL) = (row_hash IS NULL) AND (chain_seq IS NULL) = (prev_hash IS NULL));
ALTER TABLE token_ledger ADD CONSTRAINT token_ledger_priced_whole
    CHECK ((cost IS NULL) = (currency IS NULL) AND (cost IS NULL) = (price_valid_from IS NULL));

-- a tenant's chain in order, and its last link (what the next append reads)
CREATE UNIQUE INDEX token_ledger_tenant_chain ON token_ledger (tenant_id, chain_seq);
CREATE INDEX token_ledger_tenant_key_budget_day ON token_ledger (tenant_id, api_key_id, budget_day);

-- the key each request and result was charged to (the contracts' apiKeyId)
ALTER TABLE requests ADD COLUMN api_key_id text;
ALTER TABLE results ADD COLUMN api_key_id text;

-- Reservations the scheduler gave back without a result (ReservationReleased on thinkmeter.spend.releases),
-- once per request, beside the ledger. Append-only like it.
CREATE TABLE reservation_releases (
    request_id      text        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    api_key_id      text,
    batch_id        text,
    reserved_tokens bigint      NOT NULL CHECK (reserved_tokens >= 0),
    reason          text        NOT NULL,
    reserved_at     timestamptz,
    released_at     timestamptz,
    recorded_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX reservation_releases_tenant ON reservation_releases (tenant_id, released_at);

CREATE FUNCTION append_only_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING HINT = 'rows record what happened; they are never edited or removed';
END;
$$;

CREATE TRIGGER reservation_releases_no_update_or_delete
    BEFORE UPDATE OR DELETE ON reservation_releases
    FOR EACH ROW EXECUTE FUNCTION append_only_refuse_change();

CREATE TRIGGER reservation_releases_no_truncate
    BEFORE TRUNCATE ON reservation_releases
    FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse_change();

CREATE TRIGGER model_prices_no_update_or_delete
    BEFORE UPDATE OR DELETE ON model_prices
    FOR EACH ROW EXECUTE FUNCTION append_only_refuse_change();

CREATE TRIGGER model_prices_no_truncate
    BEFORE TRUNCATE ON model_prices
    FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse_change();

-- The spend views gain, at their end (CREATE OR REPLACE VIEW may only add columns there):
--   cost              the sum of the priced rows' cost
--   currencies        the currencies summed into it, comma-separated: more than one means cost mixes them
--   unpriced_results  rows with no cost (a model without a price that day, or a row from before V12)
CREATE OR REPLACE VIEW spend_per_tenant_day AS
SELECT tenant_id,
       day,
       count(*)                      AS results,
       sum(prompt_tokens)::bigint    AS prompt_tokens,
       sum(thinking_tokens)::bigint  AS thinking_tokens,
       sum(answer_tokens)::bigint    AS answer_tokens,
       sum(injected_tokens)::bigint  AS injected_tokens,
       sum(generated_tokens)::bigint AS generated_tokens,
       sum(cost)                     AS cost,
       string_agg(DISTINCT currency, ',' ORDER BY currency) AS currencies,
       count(*) FILTER (WHERE cost IS NULL) AS unpriced_results
FROM token_ledger
GROUP BY tenant_id, day;

CREATE OR REPLACE VIEW spend_per_pool AS
SELECT pool,
       count(*)                      AS results,
       sum(prompt_tokens)::bigint    AS prompt_tokens,
       sum(thinking_tokens)::bigint  AS thinking_tokens,
       sum(answer_tokens)::bigint    AS answer_tokens,
       sum(injected_tokens)::bigint  AS injected_tokens,
       sum(generated_tokens)::bigint AS generated_tokens,
       sum(cost)                     AS cost,
       string_agg(DISTINCT currency, ',' ORDER BY currency) AS currencies,
       count(*) FILTER (WHERE cost IS NULL) AS unpriced_results
FROM token_ledger
GROUP BY pool;

CREATE OR REPLACE VIEW spend_per_method AS
SELECT method,
       count(*)                      AS results,
       sum(prompt_tokens)::bigint    AS prompt_tokens,
       sum(thinking_tokens)::bigint  AS thinking_tokens,
       sum(answer_tokens)::bigint    AS answer_tokens,
       sum(injected_tokens)::bigint  AS injected_tokens,
       sum(generated_tokens)::bigint AS generated_tokens,
       sum(cost)                     AS cost,
       string_agg(DISTINCT currency, ',' ORDER BY currency) AS currencies,
       count(*) FILTER (WHERE cost IS NULL) AS unpriced_results
FROM token_ledger
GROUP BY method;

CREATE OR REPLACE VIEW spend_per_batch AS
SELECT tenant_id,
       batch_id,
       count(*)                      AS results,
       sum(prompt_tokens)::bigint    AS prompt_tokens,
       sum(thinking_tokens)::bigint  AS thinking_tokens,
       sum(answer_tokens)::bigint    AS answer_tokens,
       sum(injected_tokens)::bigint  AS injected_tokens,
       sum(generated_tokens)::bigint AS generated_tokens,
       sum(cost)                     AS cost,
       string_agg(DISTINCT currency, ',' ORDER BY currency) AS currencies,
       count(*) FILTER (WHERE cost IS NULL) AS unpriced_results
FROM token_ledger
WHERE batch_id IS NOT NULL
GROUP BY tenant_id, batch_id;

CREATE OR REPLACE VIEW spend_per_model_level AS
SELECT model,
       method,
       level,
       count(*)                      AS results,
       sum(prompt_tokens)::bigint    AS prompt_tokens,
       sum(thinking_tokens)::bigint  AS thinking_tokens,
       sum(answer_tokens)::bigint    AS answer_tokens,
       sum(injected_tokens)::bigint  AS injected_tokens,
       sum(generated_tokens)::bigint AS generated_tokens,
       sum(cost)                     AS cost,
       string_agg(DISTINCT currency, ',' ORDER BY currency) AS currencies,
       count(*) FILTER (WHERE cost IS NULL) AS unpriced_results
FROM token_ledger
GROUP BY model, method, level;

-- For the auditor's proof (`thinkmeter audit verify`): every ledger row, column by column, to recompute the
-- chains; the results' ids and counts (no problem, thinking or answer text), to reconcile them with the
-- ledger and with the results topic; and the releases.
CREATE VIEW ledger_entries AS
SELECT id, request_id, tenant_id, batch_id, pool, method, day, prompt_tokens, thinking_tokens, answer_tokens,
       injected_tokens, generated_tokens, recorded_at, model, level, api_key_id, budget_day, spent_at,
       price_valid_from, input_price_per_million, output_price_per_million, currency, cost, chain_seq, prev_hash,
       row_hash
FROM token_ledger;

CREATE VIEW result_tokens AS
SELECT request_id, tenant_id, batch_id, sequence, api_key_id, model, method, level, pool, prompt_tokens,
       thinking_tokens, answer_tokens, injected_tokens, generated_tokens, submitted_at, finished_at, stored_at
FROM results;

CREATE VIEW spend_releases AS
SELECT request_id, tenant_id, api_key_id, batch_id, reserved_tokens, reason, reserved_at, released_at, recorded_at
FROM reservation_releases;

GRANT SELECT ON ledger_entries, result_tokens, spend_releases TO thinkmeter_auditor;

-- the services: prices are read and added, never changed; releases only added (the sink); the new columns of
-- requests, results and token_ledger are covered by V9's table-wide SELECT and INSERT
GRANT SELECT, INSERT ON model_prices TO thinkmeter_service;
GRANT SELECT, INSERT ON reservation_releases TO thinkmeter_service;
