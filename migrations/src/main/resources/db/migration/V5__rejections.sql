-- Every rejection, whatever the request held. A request rejected for breaking the contract (a
-- budget of 0, no tenant) cannot be a row of requests, whose constraints it breaks; it is kept here
-- with its payload as it arrived and the reason, so nothing accepted onto Kafka goes unaccounted.
CREATE TABLE rejections (
    request_id  text        PRIMARY KEY,
    tenant_id   text,
    batch_id    text,
    reason      text        NOT NULL,
    payload     jsonb       NOT NULL,
    rejected_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX rejections_tenant ON rejections (tenant_id, rejected_at);

-- For auditors: who was refused, when and why (the payload stays private).
CREATE VIEW rejected_requests AS
SELECT request_id, tenant_id, batch_id, reason, rejected_at
FROM rejections;

GRANT SELECT ON rejected_requests TO thinkmeter_auditor;
