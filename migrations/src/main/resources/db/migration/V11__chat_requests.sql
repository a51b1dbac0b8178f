-- What a chat completion request carried besides its problem, so the exact conversation a model was
-- asked, and for whom, is auditable from the requests row alone. All null on requests that came as a
-- problem (and on every request stored before this migration).
--   messages       the conversation as sent ([{"role": ..., "content": ...}, ...]); problem holds its last
--                  user message, the text that is graded and shown
--   end_user       the caller's own end-user id (OpenAI's "user")
--   thinking_limit the most thinking tokens (0: think-end forced at once; OpenAI's reasoning_effort
--                  none/minimal, vLLM's thinking_token_budget)
--   min_thinking   budget forcing's minimum thinking
ALTER TABLE requests ADD COLUMN messages jsonb CHECK (messages IS NULL OR jsonb_typeof(messages) = 'array');
ALTER TABLE requests ADD COLUMN end_user text;
ALTER TABLE requests ADD COLUMN thinking_limit integer CHECK (thinking_limit >= 0);
ALTER TABLE requests ADD COLUMN min_thinking integer CHECK (min_thinking >= 0);

-- thinkmeter_service already has SELECT and INSERT on the whole of requests (V9), which covers these
-- columns: the sink inserts them with the row, ingest reads them back; nobody updates them.
