-- thinkmeter_service: the role the platform's services work under (through a login that is its member),
-- with exactly the reads and writes they make. No DELETE anywhere; the ledger only takes INSERTs; no
-- ownership of anything, so no ALTER TABLE (the ledger's append-only trigger cannot be disabled) and no
-- DROP. The owner of the tables (who runs these migrations) is another role; see storage's DatabaseSetup.
-- Created here only when absent (the setup creates it, since an owner without CREATEROLE may not).

DO
$$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'thinkmeter_service') THEN
        CREATE ROLE thinkmeter_service NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO thinkmeter_service;

-- ingest: tenants and their keys (a tenant's name and quota can be saved again; a key can be revoked)
GRANT SELECT, INSERT, UPDATE (name, daily_token_quota) ON tenants TO thinkmeter_service;
GRANT SELECT, INSERT, UPDATE (revoked_at) ON api_keys TO thinkmeter_service;
-- the sink: what flows through Kafka; ingest reads it back
GRANT SELECT, INSERT ON batches TO thinkmeter_service;
GRANT SELECT, INSERT, UPDATE (state, reject_reason) ON requests TO thinkmeter_service;
GRANT SELECT, INSERT ON rejections TO thinkmeter_service;
GRANT SELECT, INSERT, UPDATE (correct) ON results TO thinkmeter_service; -- correct: set by evaluation
GRANT SELECT, INSERT ON token_ledger TO thinkmeter_service;
-- thinkmeter calibrate --jdbc-url: a new measurement of a model and tau replaces the old one
GRANT SELECT, INSERT, UPDATE ON stop_temperature_calibration TO thinkmeter_service;
