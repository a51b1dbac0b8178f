-- Which model and which TLDR level spent the tokens: with TLDR models served beside the main model,
-- method alone no longer says what ran. Rows recorded before this migration keep null in both (the
-- ledger is append-only; its trigger refuses the UPDATE a backfill would need); results still has them.
ALTER TABLE token_ledger ADD COLUMN model text;
ALTER TABLE token_ledger ADD COLUMN level text;

-- Spend per model, method and level: TLDR short against long, a TLDR model against the main one.
CREATE VIEW spend_per_model_level AS
SELECT model,
       method,
       level,
       count(*)                      AS results,
       sum(prompt_tokens)::bigint    AS prompt_tokens,
       sum(thinking_tokens)::bigint  AS thinking_tokens,
       sum(answer_tokens)::bigint    AS answer_tokens,
       sum(injected_tokens)::bigint  AS injected_tokens,
       sum(generated_tokens)::bigint AS generated_tokens
FROM token_ledger
GROUP BY model, method, level;

GRANT SELECT ON spend_per_model_level TO thinkmeter_auditor;
