-- Audit views over the token ledger. Each sums the same five counts, so any two views agree
-- with each other and with the ledger's total.

CREATE VIEW spend_per_tenant_day AS
SELECT tenant_id,
       day,
       count(*)                      AS results,
       sum(prompt_tokens)::bigint    AS prompt_tokens,
       sum(thinking_tokens)::bigint  AS thinking_tokens,
       sum(answer_tokens)::bigint    AS answer_tokens,
       sum(injected_tokens)::bigint  AS injected_tokens,
       sum(generated_tokens)::bigint AS generated_tokens
FROM token_ledger
GROUP BY tenant_id, day;

CREATE VIEW spend_per_pool AS
SELECT pool,
       count(*)                      AS results,
       sum(prompt_tokens)::bigint    AS prompt_tokens,
       sum(thinking_tokens)::bigint  AS thinking_tokens,
       sum(answer_tokens)::bigint    AS answer_tokens,
       sum(injected_tokens)::bigint  AS injected_tokens,
       sum(generated_tokens)::bigint AS generated_tokens
FROM token_ledger
GROUP BY pool;

CREATE VIEW spend_per_method AS
SELECT method,
       count(*)                      AS results,
       sum(prompt_tokens)::bigint    AS prompt_tokens,
       sum(thinking_tokens)::bigint  AS thinking_tokens,
       sum(answer_tokens)::bigint    AS answer_tokens,
       sum(injected_tokens)::bigint  AS injected_tokens,
       sum(generated_tokens)::bigint AS generated_tokens
FROM token_ledger
GROUP BY method;

-- Results outside any batch (single requests) are left out: they have no batch to report on.
CREATE VIEW spend_per_batch AS
SELECT tenant_id,
       batch_id,
       count(*)                      AS results,
       sum(prompt_tokens)::bigint    AS prompt_tokens,
       sum(thinking_tokens)::bigint  AS thinking_tokens,
       sum(answer_tokens)::bigint    AS answer_tokens,
       sum(injected_tokens)::bigint  AS injected_tokens,
       sum(generated_tokens)::bigint AS generated_tokens
FROM token_ledger
WHERE batch_id IS NOT NULL
GROUP BY tenant_id, batch_id;

-- Injected tokens (forced delimiters, "Wait") are already inside the thinking and answer counts,
-- so the two shares add up to 1; both are null for a tenant that generated nothing.
CREATE VIEW thinking_vs_answer AS
SELECT tenant_id,
       sum(thinking_tokens)::bigint AS thinking_tokens,
       sum(answer_tokens)::bigint   AS answer_tokens,
       round(sum(thinking_tokens)::numeric / nullif(sum(thinking_tokens) + sum(answer_tokens), 0), 4)
                                    AS thinking_share,
       round(sum(answer_tokens)::numeric / nullif(sum(thinking_tokens) + sum(answer_tokens), 0), 4)
                                    AS answer_share
FROM token_ledger
GROUP BY tenant_id;
