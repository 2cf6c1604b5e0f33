-- Nothing to do on PostgreSQL: its PRIMARY KEY is NOT NULL already. The SQLite migration of the
-- same number makes the keys of sessions, api_tokens and email_tokens NOT NULL there too.
SELECT 1;
