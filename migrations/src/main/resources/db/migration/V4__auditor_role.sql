-- thinkmeter_auditor reads the audit views and nothing else. The views run with their owner's
-- rights, so the role needs no grant on token_ledger, results or requests, and gets none.
-- Roles belong to the whole server, not one database: create it only when absent, so that
-- several Thinkmeter databases on one server (tests, staging) can each run this migration.

DO
$$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'thinkmeter_auditor') THEN
        CREATE ROLE thinkmeter_auditor NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO thinkmeter_auditor;

GRANT SELECT ON spend_per_tenant_day, spend_per_pool, spend_per_method, spend_per_batch, thinking_vs_answer
    TO thinkmeter_auditor;
