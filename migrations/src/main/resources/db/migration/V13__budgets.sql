-- Token budgets per window (UTC day and calendar month) for a tenant and for each of its API keys, which
-- the operator sets through ingest and the scheduler enforces from the tenants topic. A budget counts
-- prompt + generated tokens. Null: no limit. tenants.daily_token_quota (V1) is the tenant's day budget.
--   tenants.monthly_token_quota   the tenant's limit per UTC calendar month
--   tenants.soft_threshold        the share of a limit at which a spend alert is raised once per period
--                                 (0 < t < 1); null: the scheduler's configured default
--   api_keys.daily_token_quota    one key's limit per UTC day (within its tenant's)
--   api_keys.monthly_token_quota  one key's limit per UTC calendar month
ALTER TABLE tenants ADD COLUMN monthly_token_quota bigint CHECK (monthly_token_quota >= 0);
ALTER TABLE tenants ADD COLUMN soft_threshold numeric CHECK (soft_threshold > 0 AND soft_threshold < 1);
ALTER TABLE api_keys ADD COLUMN daily_token_quota bigint CHECK (daily_token_quota >= 0);
ALTER TABLE api_keys ADD COLUMN monthly_token_quota bigint CHECK (monthly_token_quota >= 0);

-- ingest sets them (V9 let it update a tenant's name and daily quota, and a key's revocation only)
GRANT UPDATE (monthly_token_quota, soft_threshold) ON tenants TO thinkmeter_service;
GRANT UPDATE (daily_token_quota, monthly_token_quota) ON api_keys TO thinkmeter_service;
